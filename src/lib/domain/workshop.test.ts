import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkWorkshopDistricts, parseWorkshopInput } from './workshop';

test('accepts a normal workshop and trims it', () => {
	expect(
		parseWorkshopInput({
			title: '  Kiez 2030 ',
			startsOn: '2026-12-01',
			description: ' Wir planen '
		})
	).toEqual({
		ok: true,
		value: {
			title: 'Kiez 2030',
			startsOn: '2026-12-01',
			description: 'Wir planen',
			format: 'zukunftswerkstatt'
		}
	});
});

test('names the problem for each bad field', () => {
	expect(parseWorkshopInput({ title: '' })).toEqual({ ok: false, error: 'workshop.titleMissing' });
	expect(parseWorkshopInput({ title: 'x'.repeat(201) })).toEqual({
		ok: false,
		error: 'workshop.titleTooLong'
	});
	expect(parseWorkshopInput({ title: 'a', startsOn: '2026-02-30' })).toEqual({
		ok: false,
		error: 'workshop.dateInvalid'
	});
	expect(parseWorkshopInput({ title: 'a', format: 'barcamp' })).toEqual({
		ok: false,
		error: 'workshop.formatUnknown'
	});
	expect(parseWorkshopInput({ title: 'a', description: 'x'.repeat(5001) })).toEqual({
		ok: false,
		error: 'workshop.descriptionTooLong'
	});
});

test('any input either parses into bounded fields or names an error, never throws', () => {
	fc.assert(
		fc.property(
			fc.record(
				{
					title: fc.anything(),
					startsOn: fc.anything(),
					description: fc.anything(),
					format: fc.anything()
				},
				{ requiredKeys: [] }
			),
			(form) => {
				const result = parseWorkshopInput(form);
				if (result.ok) {
					expect(result.value.title.length).toBeGreaterThan(0);
					expect(result.value.title.length).toBeLessThanOrEqual(200);
					expect(
						result.value.startsOn === null || /^\d{4}-\d{2}-\d{2}$/.test(result.value.startsOn)
					).toBe(true);
				} else {
					expect(result.error).toMatch(/^workshop\./);
				}
			}
		)
	);
});

test('a Sozialraumkonferenz needs at least one district; other formats do not', () => {
	expect(parseWorkshopInput({ title: 'Konferenz', format: 'sozialraumkonferenz' })).toMatchObject({
		ok: true,
		value: { format: 'sozialraumkonferenz' }
	});
	expect(checkWorkshopDistricts('sozialraumkonferenz', [])).toEqual({
		ok: false,
		error: 'workshop.districtsMissing'
	});
	expect(checkWorkshopDistricts('sozialraumkonferenz', ['  '])).toEqual({
		ok: false,
		error: 'workshop.districtsMissing'
	});
	expect(checkWorkshopDistricts('sozialraumkonferenz', ['planungsraum:01011101'])).toEqual({
		ok: true
	});
	expect(checkWorkshopDistricts('zukunftswerkstatt', [])).toEqual({ ok: true });
});
