import { fail } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { createApiToken, isApiScope, listApiTokens, revokeApiToken } from '$lib/server/api-tokens';
import { requirePermission } from '$lib/server/guards';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Planners make and revoke their API keys; admins see and revoke everyone's. */
export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'measures.api');
	const everyone = can(actor, 'staff.manage');
	return {
		tokens: await listApiTokens(event.locals.services.db, everyone ? undefined : actor.userId)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = requirePermission(event, 'measures.api');
		const form = await event.request.formData();
		const say = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
			translate(event.locals.locale, key, params);
		const name = String(form.get('name') ?? '').trim();
		const scope = form.get('scope');
		if (!name || name.length > 100)
			return fail(400, {
				message: say(name ? 'measures.error.tooLong' : 'measures.error.nameMissing', {
					field: say('measures.field.name')
				}),
				field: 'name'
			});
		if (!isApiScope(scope))
			return fail(400, {
				message: say('measures.error.listInvalid', { field: say('measures.field.scope') }),
				field: 'scope'
			});
		const { token } = await createApiToken(event.locals.services.db, {
			name,
			scope,
			createdBy: actor.userId
		});
		return { token, name };
	},
	revoke: async (event) => {
		const actor = requirePermission(event, 'measures.api');
		const id = String((await event.request.formData()).get('tokenId') ?? '');
		const everyone = can(actor, 'staff.manage');
		if (!(await revokeApiToken(event.locals.services.db, id, everyone ? null : actor.userId)))
			return fail(400, { message: translate(event.locals.locale, 'tokens.revokeFailed') });
		return { revoked: id };
	}
};
