import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { districtKey, parseDistrictKey, type DistrictKey } from '$lib/domain/measures';
import { can, isGuestRole } from '$lib/domain/roles';
import { inviteLifetimes } from '$lib/domain/workshop';
import { describeFieldError } from '$lib/domain/field-error';
import { closeWorkshop } from '$lib/server/close-workshop';
import { listGoals } from '$lib/server/goals';
import { listDistricts } from '$lib/server/planning/districts';
import { getWorkshopLinks, setWorkshopLinks } from '$lib/server/workshop-links';
import { requirePermission } from '$lib/server/guards';
import { createInvite, listInvites, revokeInvite } from '$lib/server/invites';
import { getWorkshop } from '$lib/server/workshops';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function loadWorkshop(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const workshop = await getWorkshop(event.locals.services.db, event.params.id);
	if (!workshop) error(404, translate(event.locals.locale, 'workshop.notFound'));
	return workshop;
}

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'workshop.view');
	const workshop = await loadWorkshop(event);
	const { db } = event.locals.services;
	const links = await getWorkshopLinks(db, workshop.id);
	return {
		workshop,
		canManage: can(actor, 'workshop.manage'),
		invites: can(actor, 'workshop.manage') ? await listInvites(db, workshop.id) : [],
		lifetimes: inviteLifetimes,
		links: { districts: links.districts.map(districtKey), goalIds: links.goalIds },
		goals: (await listGoals(db)).map((g) => ({ id: g.id, title: g.title, level: g.level })),
		districts: (await listDistricts(db)).map((d) => ({
			key: districtKey(d),
			name: d.name,
			level: d.level
		}))
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
		const { token } = await createInvite(event.locals.services.db, {
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
	/** Which districts the workshop is for and which goals it works on. */
	saveLinks: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const form = await event.request.formData();
		const districts = form
			.getAll('districts')
			.map((v) => parseDistrictKey(String(v)))
			.filter((d): d is DistrictKey => d !== null);
		const goalIds = form.getAll('goalIds').map(String);
		const saved = await setWorkshopLinks(event.locals.services.db, workshop.id, {
			districts,
			goalIds
		});
		if (!saved.ok)
			return fail(400, {
				linksMessage: describeFieldError(
					(key, params) => translate(event.locals.locale, key, params),
					saved.error
				),
				field: saved.error.field
			});
		return { linksSaved: true };
	},
	/** Copies the live measure plan into the register and marks the workshop closed (idempotent). */
	close: async (event) => {
		const actor = requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const say = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
			translate(event.locals.locale, key, params);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes')
			return fail(400, { closeMessage: say('measures.error.confirm'), field: 'confirm' });
		const result = await closeWorkshop(event.locals.services, workshop.id, actor);
		if (!result.ok)
			return fail(result.error === 'notFound' ? 404 : 400, {
				closeMessage:
					result.error === 'archived'
						? say('measures.workshop.archived')
						: say(result.error === 'forbidden' ? 'error.forbidden' : 'workshop.notFound'),
				field: 'confirm'
			});
		return {
			closed: {
				copied: result.report.copied,
				cleared: result.report.cleared.map(({ title, fields }) =>
					say('measures.workshop.cleared', {
						title,
						fields: fields
							.map((f) => say(`measures.field.${f}` as Parameters<typeof say>[0]))
							.join(', ')
					})
				)
			}
		};
	},
	revokeInvite: async (event) => {
		requirePermission(event, 'workshop.manage');
		const workshop = await loadWorkshop(event);
		const id = String((await event.request.formData()).get('inviteId') ?? '');
		if (!(await revokeInvite(event.locals.services, workshop.id, id)))
			return fail(400, { message: translate(event.locals.locale, 'invites.revokeFailed') });
		return { revoked: id };
	}
};
