import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isCardColour } from '../domain/cards';
import { parseOwnCardChange } from './own-cards';

test('any JSON body is either a well-formed change or refused, never a crash', () => {
	fc.assert(
		fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (body) => {
			const change = parseOwnCardChange(body);
			if (change === null) return;
			expect(['edit', 'bin', 'restore']).toContain(change.kind);
			if (change.kind === 'edit') {
				expect(typeof change.text).toBe('string');
				expect(isCardColour(change.colour)).toBe(true);
			}
		})
	);
	expect(parseOwnCardChange({ kind: 'edit', text: 'x', colour: 'pink' })).toEqual({
		kind: 'edit',
		text: 'x',
		colour: 'pink'
	});
	expect(parseOwnCardChange({ kind: 'edit', text: 'x', colour: 'javascript:' })).toBeNull();
	expect(parseOwnCardChange({ kind: 'delete' })).toBeNull();
});
