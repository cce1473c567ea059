import type { Mark } from '@tiptap/pm/model';
import { expect, test } from 'vitest';
import { visionSchema } from './schema';

const schema = visionSchema();

test('the schema holds only the formats the toolbar offers', () => {
	expect(Object.keys(schema.nodes).sort()).toEqual(
		[
			'bulletList',
			'doc',
			'hardBreak',
			'heading',
			'listItem',
			'orderedList',
			'paragraph',
			'text'
		].sort()
	);
	expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic', 'link']);
});

test('has no node for images, iframes or scripts, so pasted ones are dropped', () => {
	for (const name of ['image', 'iframe', 'script', 'embed', 'video']) {
		expect(schema.nodes[name], name).toBeUndefined();
	}
});

test('pasted links keep only allowed targets', () => {
	const rule = schema.marks.link.spec.parseDOM?.[0] as
		{ getAttrs?: (dom: HTMLElement) => unknown } | undefined;
	const anchor = (href: string) => ({ getAttribute: () => href }) as unknown as HTMLElement;
	expect(rule?.getAttrs?.(anchor('javascript:alert(1)'))).toBe(false);
	expect(rule?.getAttrs?.(anchor('/relative'))).toBe(false);
	expect(rule?.getAttrs?.(anchor('https://berlin.de'))).not.toBe(false);
});

test('a link with a forbidden target, e.g. sent by another client, renders without href', () => {
	const render = (href: string) => {
		const mark = schema.marks.link.create({ href });
		return schema.marks.link.spec.toDOM?.(mark as Mark, true) as [string, Record<string, string>];
	};
	expect(render('javascript:alert(1)')[1].href).toBe('');
	expect(render('https://berlin.de')[1].href).toBe('https://berlin.de');
	expect(render('https://berlin.de')[1].rel).toBe('noopener noreferrer nofollow');
});

test('headings are limited to levels 2 and 3; other levels render as level 2', () => {
	const heading = schema.nodes.heading.create({ level: 1 });
	expect((schema.nodes.heading.spec.toDOM?.(heading) as [string])[0]).toBe('h2');
});
