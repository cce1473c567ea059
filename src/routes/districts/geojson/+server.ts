import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guards';
import { exportLevelGeoJson } from '$lib/server/planning/geojson-export';
import type { RequestHandler } from './$types';

/**
 * The GeoJSON download of /districts: `?ebene=` the level, `spalte` the indicators (none ticked:
 * none; the form always sends the field list), the rule as on the page (`regel`, `ind`, `k`, `t`).
 */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'planning.view');
	const params = event.url.searchParams;
	const level = params.get('ebene') ?? '';
	const result = await exportLevelGeoJson(event.locals.services.db, level, {
		indicatorKeys: params.getAll('spalte'),
		params
	});
	if (!result.ok) error(result.status, result.message);
	// Header values must be Latin-1; the plain name loses umlauts, filename* keeps them.
	const ascii = result.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
	return new Response(JSON.stringify(result.collection), {
		headers: {
			'content-type': 'application/geo+json; charset=utf-8',
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
			'cache-control': 'private, no-store'
		}
	});
};
