import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/guards';
import {
	maxLogoBytes,
	readSiteSettings,
	removeLogo,
	saveSiteSettings,
	type SettingsField
} from '$lib/server/site-settings';
import {
	defaultRetentionDays,
	maxRetentionDays,
	minRetentionDays,
	readRetentionDays,
	saveRetentionDays
} from '$lib/server/privacy/retention';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'staff.manage');
	const { db } = event.locals.services;
	return {
		settings: await readSiteSettings(db),
		maxLogoBytes,
		retention: {
			days: await readRetentionDays(db),
			defaultDays: defaultRetentionDays,
			min: minRetentionDays,
			max: maxRetentionDays
		}
	};
};

/** A form field as text; anything else sent under its name (a file) counts as empty. */
function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export const actions: Actions = {
	save: async (event) => {
		requirePermission(event, 'staff.manage');
		const { locale } = event.locals;
		const form = await event.request.formData();
		const values = {
			municipalityName: text(form, 'municipalityName'),
			privacyUrl: text(form, 'privacyUrl'),
			imprintUrl: text(form, 'imprintUrl'),
			accessibilityContact: text(form, 'accessibilityContact')
		};
		const file = form.get('logo');
		// No file chosen: browsers send an empty part. The logo then stays as it is.
		const logo =
			file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
		const saved = await saveSiteSettings(event.locals.services.db, { ...values, logo });
		if (!saved.ok) {
			const errors: Partial<Record<SettingsField, string>> = {};
			for (const [field, key] of Object.entries(saved.errors))
				errors[field as SettingsField] = translate(locale, key);
			// What was typed comes back (cut to a size a form can show), so nothing is lost.
			const kept = Object.fromEntries(
				Object.entries(values).map(([name, value]) => [name, value.slice(0, 1000)])
			) as typeof values;
			return fail(400, { values: kept, errors });
		}
		return { saved: true as const };
	},
	/** How long guest data is kept after a workshop closes (DSGVO); refused input changes nothing. */
	retention: async (event) => {
		requirePermission(event, 'staff.manage');
		const input = text(await event.request.formData(), 'retentionDays');
		const saved = await saveRetentionDays(event.locals.services.db, input);
		if (!saved.ok)
			return fail(400, {
				retentionValue: input.slice(0, 20),
				retentionError: translate(event.locals.locale, saved.error, {
					min: minRetentionDays,
					max: maxRetentionDays
				})
			});
		return { retentionSaved: saved.days };
	},
	removeLogo: async (event) => {
		requirePermission(event, 'staff.manage');
		await removeLogo(event.locals.services.db);
		return { logoRemoved: true as const };
	}
};
