import { error } from '@sveltejs/kit';
import { readLogo } from '$lib/server/site-settings';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * The municipality's logo, public (the join page shows it before anyone signs in). Served with
 * the type its bytes were checked as and `nosniff`, so a browser never reads it as anything else.
 * Pages link `/logo?v=<hash>`: that address never changes its bytes and may be kept for a year.
 * Plain `/logo` (for documents) is checked again each time; the ETag makes that a 304.
 */
export const GET: RequestHandler = async ({ locals, request, url }) => {
	const logo = await readLogo(locals.services.db);
	if (!logo) error(404, translate(locals.locale, 'error.notFound'));
	const etag = `"${logo.hash}"`;
	const headers = {
		etag,
		'cache-control':
			url.searchParams.get('v') === logo.hash
				? 'public, max-age=31536000, immutable'
				: 'public, no-cache',
		'x-content-type-options': 'nosniff'
	};
	const wanted = request.headers.get('if-none-match');
	if (wanted && wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
		return new Response(null, { status: 304, headers });
	return new Response(logo.bytes, {
		headers: { ...headers, 'content-type': logo.type, 'content-length': String(logo.bytes.length) }
	});
};
