import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { can, isGuestRole } from '$lib/domain/roles';
import { inviteLifetimes } from '$lib/domain/workshop';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/guards';
import { createInvite, listInvites, revokeInvite } from '$lib/server/invites';
import { getWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function loadWorkshop(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const workshop = await getWorkshop(await getDb(), event.params.id);
	if (!workshop) error(404, translate(event.locals.locale, 'workshop.notFound'));
	return workshop;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'workshop.view');
	const workshop = await loadWorkshop(event);
	return {
		workshop,
		canManage: can(actor, 'workshop.manage'),
		invites: can(actor, 'workshop.manage') ? await listInvites(await getDb(), workshop.id) : [],
		lifetimes: inviteLifetimes
	};
};

export const actions: Actions = {
	createInvite: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const form = await event.request.formData();
		const say = (key: Parameters<typeof translate>[1]) => translate(event.locals.locale, key);
		const hours = Number(form.get('lifetimeHours'));
		const label = String(form.get('label') ?? '').trim();
		const role = form.get('role') ?? 'participant';
		if (!inviteLifetimes.includes(hours as (typeof inviteLifetimes)[number]))
			return fail(400, { message: say('invites.lifetimeInvalid') });
		if (label.length > 60) return fail(400, { message: say('invites.labelTooLong') });
		if (!isGuestRole(role)) return fail(400, { message: say('error.forbidden') });
		const { token } = await createInvite(await getDb(), {
			workshopId: workshop.id,
			role,
			label,
			lifetimeMs: hours * 60 * 60 * 1000,
			createdBy: actor.userId
		});
		const link = `${event.url.origin}/join/${token}`;
		const qrSvg = await QRCode.toString(link, {
			type: 'svg',
			margin: 1,
			errorCorrectionLevel: 'M'
		});
		return {
			created: { link, qr: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` }
		};
	},
	revokeInvite: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const id = String((await event.request.formData()).get('inviteId') ?? '');
		if (!(await revokeInvite(await getDb(), workshop.id, id)))
			return fail(400, { message: translate(event.locals.locale, 'invites.revokeFailed') });
		return { revoked: id };
	}
};
