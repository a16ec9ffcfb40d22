import { formatBound, MAX_PROBLEMS } from './bounds.js';
import type { Problem } from './plan/plan.types.js';

/** Longest path or message one problem keeps: enough for a person, never megabytes. */
const MAX_PROBLEM_TEXT = 1_000;

/**
 * Problems (or warnings) collected while reading untrusted input, bounded whatever the input
 * holds: the first `limit` are kept, later ones are only counted, and `list()` ends with one
 * summary entry saying how many more there were. So a file with a million bad rows costs a counter,
 * not a million objects, and its answer stays small.
 */
export class ProblemList {
  private readonly kept: Problem[] = [];
  private more = 0;

  constructor(
    private readonly limit = MAX_PROBLEMS,
    private readonly noun = 'problems',
  ) {}

  push(...problems: Problem[]): void {
    for (const problem of problems) {
      if (this.kept.length < this.limit) {
        this.kept.push({ path: clip(problem.path), message: clip(problem.message) });
      } else this.more++;
    }
  }

  /** Every problem seen, including those only counted. */
  get size(): number {
    return this.kept.length + this.more;
  }

  /** The kept problems, then one entry summing up the rest (when there is a rest). */
  list(): Problem[] {
    if (this.more === 0) return [...this.kept];
    return [
      ...this.kept,
      {
        path: '(more)',
        message: `${formatBound(this.more)} more ${this.noun} not listed (${formatBound(this.size)} in all; the first ${this.limit} are above)`,
      },
    ];
  }
}

function clip(text: string): string {
  return text.length > MAX_PROBLEM_TEXT ? `${text.slice(0, MAX_PROBLEM_TEXT)}...` : text;
}
