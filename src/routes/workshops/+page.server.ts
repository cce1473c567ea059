import { can } from '$lib/domain/roles';
import { todayIso } from '$lib/domain/measures';
import { requirePermission } from '$lib/server/guards';
import type { Db } from '$lib/server/db';
import { listDueMeasures, type Measure } from '$lib/server/measures';
import { listWorkshops } from '$lib/server/workshops';
import { listDueReports } from '$lib/server/next-reports';
import type { PageServerLoad } from './$types';

async function dueOverview(db: Db) {
	const today = todayIso();
	const { overdue, soon, days } = await listDueMeasures(db, today);
	const brief = (m: Measure) => ({
		id: m.id,
		title: m.title,
		dueOn: m.dueOn,
		status: m.status,
		responsible: m.responsible,
		progress: m.progress
	});
	return { overdue: overdue.map(brief), soon: soon.map(brief), days, today };
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'workshop.view');
	const { db } = event.locals.services;
	return {
		workshops: await listWorkshops(db),
		// Staff land here: for planners, the measures whose due date has passed or comes soon.
		due: can(actor, 'planning.manage') ? await dueOverview(db) : null,
		dueReports: can(actor, 'planning.manage') ? await listDueReports(db, todayIso()) : null
	};
};
