import { apiJson, apiRoute, methodNotAllowed, notFound } from '$lib/server/api/http';
import { getDistrict } from '$lib/server/planning/districts';

/** One district with its GeoJSON geometry, parent and children. */
export const GET = apiRoute('read', async (event) => {
	const district = await getDistrict(
		event.locals.services.db,
		event.params.level ?? '',
		event.params.code ?? ''
	);
	if (!district) throw notFound(event);
	return apiJson({ district });
});

export const fallback = methodNotAllowed('GET');
