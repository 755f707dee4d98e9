import AddUser from './commands/adduser.js'
import Announce from './commands/announce.js'
import Award from './commands/award.js'
import Backup from './commands/backup.js'
import Bind from './commands/bind.js'
import Chart from './commands/chart.js'
import Chat from './commands/chat.js'
import ConfigGet from './commands/config/get.js'
import ConfigList from './commands/config/list.js'
import ConfigSet from './commands/config/set.js'
import ConfigUnset from './commands/config/unset.js'
import Demo from './commands/demo.js'
import Doctor from './commands/doctor.js'
import Export from './commands/export.js'
import Groups from './commands/groups.js'
import History from './commands/history.js'
import Import from './commands/import.js'
import Link from './commands/link.js'
import List from './commands/list.js'
import Recap from './commands/recap.js'
import Remove from './commands/remove.js'
import Rename from './commands/rename.js'
import Score from './commands/score.js'
import SeasonList from './commands/season/list.js'
import SeasonStart from './commands/season/start.js'
import Serve from './commands/serve.js'
import Stats from './commands/stats.js'
import Undo from './commands/undo.js'

/** Explicit command discovery: oclif reads this map instead of scanning the commands folder. */
export const COMMANDS = {
  adduser: AddUser,
  announce: Announce,
  award: Award,
  backup: Backup,
  bind: Bind,
  chart: Chart,
  chat: Chat,
  'config:get': ConfigGet,
  'config:list': ConfigList,
  'config:set': ConfigSet,
  'config:unset': ConfigUnset,
  demo: Demo,
  doctor: Doctor,
  export: Export,
  groups: Groups,
  history: History,
  import: Import,
  link: Link,
  list: List,
  recap: Recap,
  remove: Remove,
  rename: Rename,
  score: Score,
  'season:list': SeasonList,
  'season:start': SeasonStart,
  serve: Serve,
  stats: Stats,
  undo: Undo,
}
