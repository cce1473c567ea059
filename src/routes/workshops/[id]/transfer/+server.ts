import { error } from '@sveltejs/kit';
import { exportWorkshop } from '$lib/server/archive/transfer';
import { requirePermission } from '$lib/server/guards';
import { translate } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * The transfer file of a closed workshop, for another installation (`/admin/transfer` there).
 * Those who run workshops may take one away whole; planners read the documentation instead.
 */
export const GET: RequestHandler = async (event) => {
	requirePermission(event, 'workshop.manage');
	const result = await exportWorkshop(event.locals.services.db, event.params.id);
	if (!result.ok)
		error(
			result.error === 'notFound' ? 404 : 409,
			translate(event.locals.locale, `transfer.export.${result.error}`)
		);
	return new Response(new Uint8Array(result.bytes), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${result.fileName}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
