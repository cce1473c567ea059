import { json } from '@sveltejs/kit';
import { checkProgressReport } from '$lib/domain/measures';
import { apiRoute, notFound, readJson, valueOf } from '$lib/server/api/http';
import { getDb } from '$lib/server/db';
import { addProgressReport, getMeasure, listMeasureUpdates } from '$lib/server/measures';

/** The timeline: progress reports and status changes, newest first. */
export const GET = apiRoute('read', async (event) => {
	const db = await getDb();
	const measure = await getMeasure(db, event.params.id ?? '');
	if (!measure) throw notFound(event);
	return json({ updates: await listMeasureUpdates(db, measure.id) });
});

/** A progress report (Sachstandsmeldung): `{ reportedOn, progress, status?, note? }`. */
export const POST = apiRoute('write', async (event, caller) => {
	const db = await getDb();
	const measure = await getMeasure(db, event.params.id ?? '');
	if (!measure) throw notFound(event);
	const report = valueOf(event, checkProgressReport(await readJson(event), measure.status));
	const update = await addProgressReport(db, measure.id, report, {
		id: caller.userId,
		name: caller.name
	});
	if (!update) throw notFound(event);
	return json({ update }, { status: 201 });
});
