import { ApiError, apiJson, apiRoute, methodNotAllowed } from '$lib/server/api/http';
import { listDistricts } from '$lib/server/planning/districts';
import { exportLevelGeoJson } from '$lib/server/planning/geojson-export';

/**
 * Districts without geometry; `?level=` narrows to one level. `?format=geojson&level=…` answers the
 * level as an RFC 7946 FeatureCollection (application/geo+json) with `indicators=S1,S3` as
 * properties (default: the rule's) and the rule's result (`rule=<id>`, default: the saved default).
 */
export const GET = apiRoute('read', async (event) => {
	const params = event.url.searchParams;
	const level = params.get('level') ?? undefined;
	const format = params.get('format');
	if (format === 'geojson') {
		if (!level) {
			throw new ApiError(
				400,
				'validation_failed',
				'level: Für GeoJSON bitte eine Ebene angeben, z. B. ?format=geojson&level=planungsraum.',
				'level'
			);
		}
		const listed = params.get('indicators');
		const rule = new URLSearchParams();
		const ruleId = params.get('rule');
		if (ruleId) rule.set('regel', ruleId);
		const result = await exportLevelGeoJson(event.locals.services.db, level, {
			indicatorKeys:
				listed === null
					? null
					: listed
							.split(',')
							.map((key) => key.trim())
							.filter(Boolean),
			params: rule
		});
		if (!result.ok) throw new ApiError(result.status, result.code, result.message, result.field);
		return new Response(JSON.stringify(result.collection), {
			headers: { 'content-type': 'application/geo+json; charset=utf-8' }
		});
	}
	if (format !== null && format !== 'json') {
		throw new ApiError(
			400,
			'validation_failed',
			`format: „${format}“ gibt es nicht. Erlaubt sind json und geojson.`,
			'format'
		);
	}
	return apiJson({ districts: await listDistricts(event.locals.services.db, { level }) });
});

export const fallback = methodNotAllowed('GET');
