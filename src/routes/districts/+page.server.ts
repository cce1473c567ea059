import { fail } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { requirePermission } from '$lib/server/guards';
import { loadOverview } from '$lib/server/planning/overview';
import { deleteRule, saveRule, setDefaultRule } from '$lib/server/planning/saved-rules';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePermission(event, 'planning.view');
	const overview = await loadOverview(event.locals.services.db, event.url.searchParams);
	return {
		overview,
		query: event.url.searchParams.get('q') ?? '',
		canManage: can(actor, 'planning.manage')
	};
};

/** What the rule form sent, kept so a refused form comes back filled in. */
function ruleFields(form: FormData) {
	return {
		name: String(form.get('name') ?? ''),
		keys: form.getAll('keys').map(String),
		minCount: String(form.get('minCount') ?? ''),
		threshold: String(form.get('threshold') ?? ''),
		makeDefault: form.get('makeDefault') === 'on'
	};
}

export const actions: Actions = {
	saveRule: async (event) => {
		const actor = requirePermission(event, 'planning.manage');
		const values = ruleFields(await event.request.formData());
		const saved = await saveRule(event.locals.services.db, values, {
			makeDefault: values.makeDefault,
			createdBy: actor.userId
		});
		if (!saved.ok) {
			const message = translate(event.locals.locale, saved.key, saved.params);
			return fail(400, { rule: { field: saved.field ?? null, message, values } });
		}
		return { ruleSaved: { id: saved.rule.id, name: saved.rule.name } };
	},
	defaultRule: async (event) => {
		requirePermission(event, 'planning.manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await setDefaultRule(event.locals.services.db, id))) {
			return fail(404, { ruleList: translate(event.locals.locale, 'rules.error.gone') });
		}
		return { ruleDefault: id };
	},
	deleteRule: async (event) => {
		requirePermission(event, 'planning.manage');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await deleteRule(event.locals.services.db, id))) {
			return fail(404, { ruleList: translate(event.locals.locale, 'rules.error.gone') });
		}
		return { ruleDeleted: id };
	}
};
