import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { visionPlainText } from './plain-text';
import { visionSchema } from './schema';

function docWith(content: unknown[], field = 'vision'): Y.Doc {
	const doc = new Y.Doc();
	prosemirrorJSONToYXmlFragment(
		visionSchema(),
		{ type: 'doc', content },
		doc.getXmlFragment(field)
	);
	return doc;
}

const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, marks });

test('reads headings, paragraphs and list entries as one line each', () => {
	const doc = docWith([
		{ type: 'heading', attrs: { level: 2 }, content: [text('Unser Kiez 2030')] },
		{ type: 'paragraph', content: [text('Wir wollen '), text('mehr Grün', [{ type: 'bold' }])] },
		{
			type: 'bulletList',
			content: [
				{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Bäume')] }] },
				{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Bänke')] }] }
			]
		},
		{
			type: 'orderedList',
			content: [
				{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Spielplatz')] }] }
			]
		}
	]);
	expect(visionPlainText(doc, 'vision')).toBe(
		'Unser Kiez 2030\nWir wollen mehr Grün\nBäume\nBänke\nSpielplatz'
	);
});

test('keeps the visible text of links and turns line breaks into new lines', () => {
	const doc = docWith([
		{
			type: 'paragraph',
			content: [
				text('Mehr auf '),
				text('berlin.de', [{ type: 'link', attrs: { href: 'https://berlin.de' } }]),
				{ type: 'hardBreak' },
				text('Danke')
			]
		}
	]);
	expect(visionPlainText(doc, 'vision')).toBe('Mehr auf berlin.de\nDanke');
});

test('an empty or missing field reads as empty text', () => {
	expect(visionPlainText(new Y.Doc(), 'vision')).toBe('');
	expect(visionPlainText(docWith([{ type: 'paragraph' }]), 'vision')).toBe('');
});

test('reads only the named field', () => {
	const doc = docWith([{ type: 'paragraph', content: [text('A')] }], 'one');
	prosemirrorJSONToYXmlFragment(
		visionSchema(),
		{ type: 'doc', content: [{ type: 'paragraph', content: [text('B')] }] },
		doc.getXmlFragment('two')
	);
	expect(visionPlainText(doc, 'one')).toBe('A');
	expect(visionPlainText(doc, 'two')).toBe('B');
});

test('sees text typed concurrently by two people once it is merged', () => {
	const a = docWith([{ type: 'paragraph', content: [text('Hallo')] }]);
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	const para = (d: Y.Doc) => d.getXmlFragment('vision').get(0) as Y.XmlElement;
	(para(a).get(0) as Y.XmlText).insert(5, ' Welt');
	(para(b).get(0) as Y.XmlText).insert(0, 'Ja: ');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	expect(visionPlainText(a, 'vision')).toBe('Ja: Hallo Welt');
	expect(visionPlainText(b, 'vision')).toBe('Ja: Hallo Welt');
});
