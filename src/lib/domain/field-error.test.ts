import { expect, test } from 'vitest';
import { translate, type Locale } from '../i18n';
import { describeFieldError } from './field-error';

const say = (locale: Locale) => (key: string, params?: Record<string, string | number>) =>
	translate(locale, key, params);

test('a forbidden status change names the current status and the ones that may follow', () => {
	const error = {
		field: 'status',
		error: 'measures.error.statusTransition',
		params: { from: 'idea', allowed: ['planned', 'dropped'] }
	} as const;
	expect(describeFieldError(say('de'), error)).toBe(
		'Status: Von „Idee“ geht es nur zu „geplant“ oder „verworfen“.'
	);
	expect(
		describeFieldError(say('de'), {
			...error,
			params: { from: 'planned', allowed: ['idea', 'in_progress', 'dropped'] }
		})
	).toBe('Status: Von „geplant“ geht es nur zu „Idee“, „in Arbeit“ oder „verworfen“.');
	expect(
		describeFieldError(say('de'), { ...error, params: { from: 'done', allowed: ['in_progress'] } })
	).toBe('Status: Von „erledigt“ geht es nur zu „in Arbeit“.');
	expect(describeFieldError(say('en'), error)).toBe(
		'Status: From “idea” it can only go to “planned” or “dropped”.'
	);
});

test('wrong type, the limit and the unknown entry each get their own words', () => {
	expect(describeFieldError(say('de'), { field: 'title', error: 'measures.error.notText' })).toBe(
		'Titel muss ein Text sein.'
	);
	expect(
		describeFieldError(say('de'), {
			field: 'rooms',
			error: 'measures.error.tooLong',
			params: { max: 500 }
		})
	).toMatch(/höchstens 500 Zeichen/);
	expect(
		describeFieldError(say('de'), {
			field: 'districts',
			error: 'measures.error.listInvalid',
			params: { item: 'bezirksregion:99999999' }
		})
	).toMatch(/„bezirksregion:99999999“ gibt es nicht/);
	// Without details (older callers), the plain message.
	expect(
		describeFieldError(say('de'), { field: 'title', error: 'measures.error.tooLong' })
	).toMatch(/Der Text ist zu lang\.$/);
});
