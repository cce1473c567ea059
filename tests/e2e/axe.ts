import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type * as AxeCore from 'axe-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Finding {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: string; summary: string }[];
}

function describe(findings: Finding[]): string {
	return findings
		.map(
			(finding) =>
				`${finding.id} (${finding.impact ?? 'n/a'}): ${finding.help}\n  ${finding.helpUrl}\n` +
				finding.nodes.map((node) => `  - ${node.target}\n    ${node.summary}`).join('\n')
		)
		.join('\n\n');
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails on any violation. */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
	await page.addScriptTag({ path: axePath });
	const findings = await page.evaluate(async () => {
		const { axe } = window as unknown as { axe: typeof AxeCore };
		const results = await axe.run(document, {
			runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
		});
		return results.violations.map((violation) => ({
			id: violation.id,
			impact: violation.impact ?? null,
			help: violation.help,
			helpUrl: violation.helpUrl,
			nodes: violation.nodes.map((node) => ({
				target: node.target.map(String).join(' '),
				summary: node.failureSummary ?? ''
			}))
		}));
	});
	expect(findings, `axe found accessibility problems on ${what}:\n${describe(findings)}`).toEqual(
		[]
	);
}
