import { json } from '@sveltejs/kit';
import { apiRoute } from '$lib/server/api/http';
import { listDistricts } from '$lib/server/planning/districts';

/** Districts without geometry; `?level=` narrows to one level. */
export const GET = apiRoute('read', async (event) => {
	const level = event.url.searchParams.get('level') ?? undefined;
	return json({ districts: await listDistricts(event.locals.services.db, { level }) });
});
