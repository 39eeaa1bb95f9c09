// Turns an Electronegativity result into pass/fail: the policy check-electron-security.ts applies to the build.
import type { Issue, Result } from '@doyensec/electronegativity';

/** Findings that are reported, and the reasons the check fails (empty when it passes). */
export interface Verdict {
  readonly failures: readonly string[];
  readonly reported: readonly Issue[];
}

function describe(issue: Issue): string {
  const review = issue.manualReview ? ' (manual review)' : '';
  return `${issue.severity.name}/${issue.confidence.name} ${issue.id} ${issue.file}:${issue.location.line}${review}`;
}

/**
 * The policy: any HIGH finding fails, and so does any file the scanner could not parse (it would otherwise be
 * skipped silently, which is how a missing navigation guard once hid behind a parse error). MEDIUM findings are
 * reported for review but do not fail.
 */
export function judge(result: Result): Verdict {
  const failures = [
    ...result.errors.filter((error) => !error.tolerable).map((error) => `unparsed ${error.file}: ${error.message}`),
    ...result.issues.filter((issue) => issue.severity.name === 'HIGH').map(describe),
  ];
  const reported = result.issues.filter((issue) => issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM');
  return { failures, reported };
}

/** One line per finding, for the log. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(describe).join('\n');
}
