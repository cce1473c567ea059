import { apiJson, apiRoute, methodNotAllowed, notFound, valueOf } from '$lib/server/api/http';
import { readJsonBody } from '$lib/server/api/json-body';
import { addProgressReport, getMeasure, listMeasureUpdates } from '$lib/server/measures';

/** The timeline: progress reports and status changes, newest first. */
export const GET = apiRoute('read', async (event) => {
	const { db } = event.locals.services;
	const measure = await getMeasure(db, event.params.id ?? '');
	if (!measure) throw notFound(event);
	return apiJson({ updates: await listMeasureUpdates(db, measure.id) });
});

/**
 * A progress report (Sachstandsmeldung): `{ reportedOn, progress, status?, note?, dueOn?,
 * dueReason? }`, dated today or earlier; `dueOn` moves the due date and needs a reason. Writing needs
 * `planning.manage` or a write token (made only by those who have it), so the caller may change the
 * status, checked against the status stored when the report is written.
 */
export const POST = apiRoute('write', async (event, caller) => {
	const { db } = event.locals.services;
	const measure = await getMeasure(db, event.params.id ?? '');
	if (!measure) throw notFound(event);
	const body = await readJsonBody(event);
	const added = await addProgressReport(
		db,
		measure.id,
		body,
		{ id: caller.userId, name: caller.name },
		{ mayChangeStatus: true }
	);
	if (!added) throw notFound(event);
	return apiJson({ update: valueOf(event, added, body) }, { status: 201 });
});

export const fallback = methodNotAllowed('GET', 'POST');
