import AddUser from './commands/adduser.js'
import Award from './commands/award.js'
import Backup from './commands/backup.js'
import Bind from './commands/bind.js'
import Chat from './commands/chat.js'
import Export from './commands/export.js'
import History from './commands/history.js'
import Import from './commands/import.js'
import List from './commands/list.js'
import Remove from './commands/remove.js'
import Rename from './commands/rename.js'
import Score from './commands/score.js'
import Serve from './commands/serve.js'
import Undo from './commands/undo.js'

/** Explicit command discovery: oclif reads this map instead of scanning the commands folder. */
export const COMMANDS = {
  adduser: AddUser,
  award: Award,
  backup: Backup,
  bind: Bind,
  chat: Chat,
  export: Export,
  history: History,
  import: Import,
  list: List,
  remove: Remove,
  rename: Rename,
  score: Score,
  serve: Serve,
  undo: Undo,
}
