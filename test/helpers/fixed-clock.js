// Preloaded (node --import) to start a ccp process's clock at TEST_CLOCK_START (an ISO time), from which it runs
// on at the real pace: a test of what depends on the date (the recap's period) then does not depend on the day
// it runs. Only Date.now and `new Date()` move; timers keep real time.
const start = Date.parse(process.env.TEST_CLOCK_START ?? '')
if (Number.isNaN(start)) throw new Error('fixed-clock.js needs TEST_CLOCK_START, an ISO time')
const RealDate = Date
const realNow = RealDate.now
const shift = start - realNow()

globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(realNow() + shift)
    else super(...args)
  }

  static now() {
    return realNow() + shift
  }
}
