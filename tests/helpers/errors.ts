import { inspect } from 'node:util';

/**
 * What a test declares it provokes on purpose: a pattern for the error's text (`name: message`, or
 * the whole report for a child process), or a predicate.
 */
export type ErrorMatcher = RegExp | ((error: unknown) => boolean);

const textOf = (error: unknown) =>
	error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** True when the error is one the matchers describe. */
export function matchesAny(error: unknown, matchers: readonly ErrorMatcher[]): boolean {
	return matchers.some((m) => (m instanceof RegExp ? m.test(textOf(error)) : m(error)));
}

/**
 * The errors a server under test reported. The test fails on any it did not declare: a server that
 * survives a fault by logging it is still a server with a fault.
 */
export class ErrorLog {
	readonly errors: unknown[] = [];
	private readonly expected: ErrorMatcher[] = [];

	constructor(private readonly what: string) {}

	report(error: unknown) {
		this.errors.push(error);
	}

	expect(...matchers: ErrorMatcher[]) {
		this.expected.push(...matchers);
	}

	unexpected(): unknown[] {
		return this.errors.filter((error) => !matchesAny(error, this.expected));
	}

	/** Throws one error that shows every unexpected report in full (stack and cause). */
	check() {
		const unexpected = this.unexpected();
		if (unexpected.length === 0) return;
		const details = unexpected.map((e) => (typeof e === 'string' ? e : inspect(e, { depth: 4 })));
		throw new Error(
			`The ${this.what} reported ${unexpected.length} unexpected error(s):\n\n${details.join('\n\n')}`
		);
	}
}
