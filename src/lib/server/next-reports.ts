import { readNextReports } from '../collab/data-board';
import { readMeasures } from '../collab/measures';
import { isIsoDate } from '../domain/measures';
import type { CloseStep } from './close-workshop';
import type { Queryable } from './db';

/**
 * "Who reports next, and when" (Sozialraumkonferenz, Vereinbarungen; issue 13). Agreed in the
 * workshop beside the measure plan, copied to the register when the workshop closes, and listed
 * as due on the planners' start page and in the register until a progress report is written
 * after the agreement (then the next report has come, and the planner agrees the one after it).
 */
export interface NextReportDue {
	measureId: string;
	title: string;
	status: string;
	reporter: string;
	reportOn: string;
}

/** Idempotent like every close step: a measure that already has an agreement keeps it. */
export const copyNextReports: CloseStep = async ({ tx, workshopId, content, now }) => {
	const agreed = readNextReports(content);
	for (const draft of readMeasures(content)) {
		const next = agreed[draft.id];
		if (!next || !isIsoDate(next.reportOn)) continue;
		const measure = await tx.get<{ id: string }>(
			'SELECT id FROM measures WHERE origin_workshop_id = ? AND origin_measure_id = ?',
			[workshopId, draft.id]
		);
		if (!measure) continue;
		const done = await tx.get('SELECT 1 AS x FROM measure_next_reports WHERE measure_id = ?', [
			measure.id
		]);
		if (done) continue;
		await tx.run(
			`INSERT INTO measure_next_reports (measure_id, reporter, report_on, created_at)
			VALUES (?, ?, ?, ?)`,
			[measure.id, next.reporter.trim(), next.reportOn, now]
		);
	}
};

/** Next reports still to come: the measure is open and no progress report came after the agreement. */
export async function openNextReports(db: Queryable): Promise<NextReportDue[]> {
	const rows = await db.all<{
		measure_id: string;
		title: string;
		status: string;
		reporter: string;
		report_on: string;
	}>(
		`SELECT n.measure_id, m.title, m.status, n.reporter, n.report_on
		FROM measure_next_reports n JOIN measures m ON m.id = n.measure_id
		WHERE m.status NOT IN ('done', 'dropped')
			AND NOT EXISTS (SELECT 1 FROM measure_updates u
				WHERE u.measure_id = n.measure_id AND u.kind = 'report' AND u.created_at > n.created_at)
		ORDER BY n.report_on, m.title`
	);
	return rows.map((r) => ({
		measureId: r.measure_id,
		title: r.title,
		status: r.status,
		reporter: r.reporter,
		reportOn: r.report_on
	}));
}

/** For the planners' start page: reports past their date, and those due within `days`. */
export async function listDueReports(
	db: Queryable,
	today: string,
	days = 30
): Promise<{ overdue: NextReportDue[]; soon: NextReportDue[]; days: number; today: string }> {
	const open = await openNextReports(db);
	const until = new Date(`${today}T00:00:00Z`);
	until.setUTCDate(until.getUTCDate() + days);
	const last = until.toISOString().slice(0, 10);
	return {
		overdue: open.filter((r) => r.reportOn < today),
		soon: open.filter((r) => r.reportOn >= today && r.reportOn <= last),
		days,
		today
	};
}

/** Measure id → its next report, for the register's rows. */
export async function nextReportsByMeasure(db: Queryable): Promise<Record<string, NextReportDue>> {
	return Object.fromEntries((await openNextReports(db)).map((r) => [r.measureId, r]));
}
