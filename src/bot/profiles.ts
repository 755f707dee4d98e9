import type {ChatActor} from '../core/actor.js'
import type {ChatMention} from '../core/chat/message.js'

const MAX_PEOPLE = 10_000

/**
 * The profile names of people the bot has seen write, by UUID and number. Signal's mention records
 * carry no profile name, so `/CCP adduser @Bob` can only name Bob after Bob has written something.
 * Names only: never any message text. Kept in memory, bounded.
 */
export class ProfileNames {
  private readonly names = new Map<string, string>()

  learn(person: ChatActor): void {
    if (!person.profileName) return
    for (const key of [person.uuid, person.number]) {
      if (!key) continue
      this.names.delete(key)
      this.names.set(key, person.profileName)
    }

    while (this.names.size > MAX_PEOPLE) this.names.delete(this.names.keys().next().value!)
  }

  /** The mention with the person's profile name, when known. */
  name(mention: ChatMention): ChatMention {
    const known = (mention.uuid && this.names.get(mention.uuid)) || (mention.number && this.names.get(mention.number)) || null
    return {...mention, name: mention.name ?? known}
  }
}
