// Types for the parts of Electronegativity's programmatic API (dist/runner.js) that check-electron-security.ts uses;
// the package ships none.
declare module '@doyensec/electronegativity' {
  /** A severity or confidence level; higher `value` is worse (severity) or surer (confidence). */
  export interface Level {
    readonly value: number;
    readonly name: string;
  }

  /** One finding. */
  export interface Issue {
    readonly id: string;
    readonly file: string;
    readonly location: { readonly line: number; readonly column: number };
    readonly sample?: string;
    readonly description?: string;
    readonly shortenedURL?: string;
    readonly severity: Level;
    readonly confidence: Level;
    readonly manualReview: boolean;
  }

  /** A file the scanner could not read; `tolerable: false` means the file was not checked at all. */
  export interface ScanError {
    readonly file: string;
    readonly message: string;
    readonly tolerable: boolean;
  }

  /** Options of the programmatic run. */
  export interface Options {
    readonly input: string;
    readonly electronVersionOverride?: string;
    readonly excludeFromScan?: string[];
    readonly customScan?: string[];
    readonly parserPlugins?: string[];
    readonly isRelative?: boolean;
  }

  /** What a programmatic run resolves to. */
  export interface Result {
    readonly globalChecks: number;
    readonly atomicChecks: number;
    readonly errors: ScanError[];
    readonly issues: Issue[];
  }

  export default function run(options: Options, forCli?: false): Promise<Result>;
}
