// Jest's own runner in two phases, in one jest run (one globalSetup, one PostgreSQL, one report):
// first every test file but the listed ones, `maxWorkers` at a time; then the listed files one at
// a time with nothing else running, because what they check would be disturbed by a neighbour
// (jest.config.cjs says which and why). With --runInBand both phases run one file at a time.
const { relative } = require('node:path');
const TestRunner = require('jest-runner').default;

class PhasedRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const alone = new Set(this._options.alone ?? []);
    const isAlone = (test) => alone.has(relative(test.context.config.rootDir, test.path));
    const together = tests.filter((test) => !isAlone(test));
    const afterwards = tests.filter(isAlone);
    if (together.length > 0) await super.runTests(together, watcher, options);
    if (afterwards.length > 0 && !watcher.isInterrupted()) {
      await super.runTests(afterwards, watcher, { ...options, serial: true });
    }
  }
}

module.exports = PhasedRunner;
