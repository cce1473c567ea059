import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	daysBetween,
	formatDate,
	formatPeriod,
	isCalendarDay,
	parseDateInput
} from './dates';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Any real calendar day from year 1000 to 9999, as ISO text. */
const isoDays = fc
	.date({
		min: new Date('1000-01-01T00:00:00Z'),
		max: new Date('9999-12-31T00:00:00Z'),
		noInvalidDate: true
	})
	.map((d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);

describe('German dates and periods', () => {
	test('days and periods read as planners write them', () => {
		expect(formatDate('2026-06-30')).toBe('30.06.2026');
		expect(formatDate('2026-06-30', 'en')).toBe('30/06/2026');
		expect(formatDate(null)).toBe('');
		expect(formatDate('bald')).toBe('bald');
		expect(formatDate('2026-02-30')).toBe('2026-02-30');
		expect(formatPeriod('2020-12')).toBe('12/2020');
		expect(formatPeriod('202012')).toBe('12/2020');
		expect(formatPeriod('2020')).toBe('2020');
		expect(formatPeriod('2020-12-31')).toBe('31.12.2020');
		expect(formatPeriod('2019/20')).toBe('2019/20');
		expect(formatPeriod('2020-13')).toBe('2020-13');
	});

	test('typed dates: ISO and German, nothing that does not exist', () => {
		expect(parseDateInput('30.06.2026')).toBe('2026-06-30');
		expect(parseDateInput(' 1.7.2026 ')).toBe('2026-07-01');
		expect(parseDateInput('1. 7. 2026')).toBe('2026-07-01');
		expect(parseDateInput('2026-06-30')).toBe('2026-06-30');
		expect(parseDateInput('29.02.2025')).toBeNull();
		expect(parseDateInput('29.02.2024')).toBe('2024-02-29');
		expect(parseDateInput('31.04.2026')).toBeNull();
		expect(parseDateInput('06/30/2026')).toBeNull();
		expect(parseDateInput('')).toBeNull();
	});

	test('every day formats to DD.MM.YYYY and reads back as the same day', () => {
		fc.assert(
			fc.property(isoDays, (iso) => {
				const shown = formatDate(iso);
				expect(shown).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
				expect(parseDateInput(shown)).toBe(iso);
				expect(parseDateInput(iso)).toBe(iso);
			})
		);
	});

	test('any text: reading never throws, and what it returns is a real day', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (text) => {
				const parsed = parseDateInput(text);
				if (parsed !== null) expect(isCalendarDay(parsed)).toBe(true);
				expect(typeof formatDate(text)).toBe('string');
				expect(typeof formatPeriod(text)).toBe('string');
			})
		);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 99 }),
				fc.integer({ min: 0, max: 99 }),
				fc.integer({ min: 0, max: 9999 }),
				(day, month, year) => {
					const parsed = parseDateInput(`${day}.${month}.${pad(year, 4)}`);
					const real =
						month >= 1 &&
						month <= 12 &&
						day >= 1 &&
						day <= 31 &&
						isCalendarDay(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
					expect(parsed !== null).toBe(real);
				}
			)
		);
	});

	test('every month period becomes MM/YYYY in both spellings', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
				expect(formatPeriod(`${y}-${pad(m)}`)).toBe(`${pad(m)}/${y}`);
				expect(formatPeriod(`${y}${pad(m)}`)).toBe(`${pad(m)}/${y}`);
			})
		);
	});

	test('adding days and counting them agree', () => {
		expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		fc.assert(
			fc.property(isoDays, fc.integer({ min: -4000, max: 4000 }), (iso, n) => {
				const later = addDays(iso, n);
				if (!isCalendarDay(later)) return; // past year 9999
				expect(daysBetween(iso, later)).toBe(n);
			})
		);
	});
});
