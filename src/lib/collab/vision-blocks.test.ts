import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { visionBlocks } from './vision-blocks';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[]) {
	const node = new Y.XmlElement(name);
	node.insert(0, children);
	return node;
}

function text(value: string, bold = false) {
	const node = new Y.XmlText();
	node.insert(0, value, bold ? { bold: true } : {});
	return node;
}

test('headings, paragraphs and list items come out as plain text, formatting dropped', () => {
	const doc = new Y.Doc();
	const fragment = doc.getXmlFragment('text:fantasie');
	fragment.insert(0, [
		element('heading', [text('Unser Platz 2030')]),
		element('paragraph', [text('Schatten '), text('<b>für alle</b>', true)]),
		element('bulletList', [
			element('listItem', [element('paragraph', [text('Bänke')])]),
			element('listItem', [element('paragraph', [text('Brunnen')])])
		]),
		element('paragraph', [text('   ')])
	]);
	expect(visionBlocks(fragment)).toEqual([
		{ kind: 'heading', text: 'Unser Platz 2030' },
		{ kind: 'paragraph', text: 'Schatten <b>für alle</b>' },
		{ kind: 'item', text: 'Bänke' },
		{ kind: 'item', text: 'Brunnen' }
	]);
});
