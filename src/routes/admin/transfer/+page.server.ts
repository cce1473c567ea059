import { fail } from '@sveltejs/kit';
import { importWorkshop, maxTransferBytes } from '$lib/server/archive/transfer';
import { requirePermission } from '$lib/server/guards';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'staff.manage');
	return { maxBytes: maxTransferBytes };
};

export const actions: Actions = {
	/** Imports a workshop from another installation: everything or, with a reason, nothing. */
	import: async (event) => {
		const actor = requirePermission(event, 'staff.manage');
		const say = (key: string, params?: Record<string, string | number>) =>
			translate(event.locals.locale, key, params);
		const refuse = (status: number, key: string, detail = '') =>
			fail(status, { imported: false as const, message: say(key, { detail }) });
		// Refused by its announced length before a byte is read; the file's size is checked again.
		const length = Number(event.request.headers.get('content-length'));
		if (Number.isFinite(length) && length > maxTransferBytes + 1024 * 1024)
			return refuse(413, 'transfer.error.tooLarge');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return refuse(400, 'transfer.error.noFile');
		if (file.size > maxTransferBytes) return refuse(413, 'transfer.error.tooLarge');
		const result = await importWorkshop(
			event.locals.services.db,
			new Uint8Array(await file.arrayBuffer()),
			actor.userId
		);
		if (!result.ok)
			return refuse(
				['workshopExists', 'recentlyDeleted', 'conflict', 'roundTableConflict'].includes(
					result.error
				)
					? 409
					: 400,
				`transfer.error.${result.error}`,
				result.detail
			);
		return {
			imported: true as const,
			workshopId: result.workshopId,
			message: say('transfer.done', { title: result.title }),
			details: say('transfer.doneDetails', {
				measures: result.measures,
				documents: result.documents,
				goals: result.createdGoals,
				districts: result.createdDistricts
			})
		};
	}
};
