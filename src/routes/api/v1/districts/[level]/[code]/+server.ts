import { json } from '@sveltejs/kit';
import { apiRoute, notFound } from '$lib/server/api/http';
import { getDistrict } from '$lib/server/planning/districts';

/** One district with its GeoJSON geometry, parent and children. */
export const GET = apiRoute('read', async (event) => {
	const district = await getDistrict(
		event.locals.services.db,
		event.params.level ?? '',
		event.params.code ?? ''
	);
	if (!district) throw notFound(event);
	return json({ district });
});
