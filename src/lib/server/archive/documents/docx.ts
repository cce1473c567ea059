import { repackAt } from './repack';
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	Header,
	HeadingLevel,
	ImageRun,
	LevelFormat,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableOfContents,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { ArchiveExport } from '../archive-entry';
import {
	cardsLabel,
	describeArchive,
	dotsLabel,
	type DocCard,
	type DocPhase,
	type DocumentSettings,
	type Documentation
} from './documentation';
import { wallImage, wallPictureAlt } from './wall-image';

/**
 * The Dokumentation as a Word file for further editing, with `docx` (MIT): the same sections as
 * the PDF, with real heading styles (so Word's navigation and its table of contents work), lists,
 * the measure plan as a table whose header row repeats on every page, the document language set
 * and the logo with alt text. The table of contents is a Word field filled with the headings; Word
 * adds the page numbers when it updates the field (it asks on opening).
 */

type Block = Paragraph | Table | TableOfContents;

const accent = '1D4E89';
const muted = '52606D';
const rule = 'C3CCD6';

export async function renderArchiveDocx(
	exported: ArchiveExport,
	settings: DocumentSettings
): Promise<Uint8Array> {
	return writeDocx(describeArchive(exported, settings));
}

export async function writeDocx(doc: Documentation): Promise<Uint8Array> {
	const t = doc.t;
	const blocks: Block[] = [];
	let listInstance = 0;
	const text = (value: string, options: { bold?: boolean; colour?: string } = {}) =>
		new TextRun({ text: value, bold: options.bold, color: options.colour });
	const paragraph = (value: string, colour?: string) =>
		new Paragraph({ children: [text(value, { colour })], spacing: { after: 120 } });
	const heading = (
		level: (typeof HeadingLevel)[keyof typeof HeadingLevel],
		value: string,
		note = ''
	) =>
		new Paragraph({
			heading: level,
			keepNext: true,
			children: note ? [text(value), text(`  ·  ${note}`, { colour: muted })] : [text(value)]
		});
	const bullets = (items: { text: string; note?: string }[]) =>
		items.map(
			(item) =>
				new Paragraph({
					bullet: { level: 0 },
					children: item.note
						? [text(item.text), text(`  ·  ${item.note}`, { colour: muted })]
						: [text(item.text)]
				})
		);
	const numbered = (items: { text: string; note?: string }[]) => {
		const instance = ++listInstance;
		return items.map(
			(item) =>
				new Paragraph({
					numbering: { reference: 'ranked', level: 0, instance },
					children: item.note
						? [text(item.text), text(`  ·  ${item.note}`, { colour: muted })]
						: [text(item.text)]
				})
		);
	};

	// Title block.
	const logo = doc.logo && doc.logo.type !== 'image/webp' ? doc.logo : null;
	const logoSize = logo ? imageSize(logo.bytes) : null;
	if (logo && logoSize) {
		const height = 64;
		const width = Math.min(220, Math.round((logoSize.width / logoSize.height) * height));
		blocks.push(
			new Paragraph({
				children: [
					new ImageRun({
						type: logo.type === 'image/png' ? 'png' : 'jpg',
						data: logo.bytes,
						transformation: {
							width,
							height: Math.round((width / logoSize.width) * logoSize.height)
						},
						altText: {
							name: 'Logo',
							title: 'Logo',
							description: doc.municipality
								? t('archive.doc.logoAlt', { name: doc.municipality })
								: t('archive.doc.logoAltPlain')
						}
					})
				]
			})
		);
	}
	if (doc.municipality)
		blocks.push(new Paragraph({ children: [text(doc.municipality, { bold: true })] }));
	blocks.push(
		new Paragraph({
			spacing: { before: 600 },
			children: [text(t('archive.doc.label').toUpperCase(), { bold: true, colour: accent })]
		}),
		new Paragraph({ heading: HeadingLevel.TITLE, children: [text(doc.title)] }),
		new Paragraph({
			children: [text(`${doc.formatLabel} · ${doc.dateLabel}`, { colour: muted })],
			spacing: { after: 240 }
		}),
		paragraph(doc.generatedLabel, muted),
		new Paragraph({
			heading: HeadingLevel.HEADING_1,
			pageBreakBefore: true,
			children: [text(t('archive.doc.toc'))]
		}),
		new TableOfContents(t('archive.doc.toc'), { hyperlink: true, headingStyleRange: '1-2' })
	);

	let section = 0;
	const sectionHeading = (title: string) =>
		new Paragraph({
			heading: HeadingLevel.HEADING_1,
			pageBreakBefore: true,
			children: [text(`${++section}  ${title}`)]
		});

	// Overview.
	blocks.push(sectionHeading(t('archive.doc.overview')));
	if (doc.description)
		for (const part of doc.description.split(/\n+/))
			if (part.trim()) blocks.push(paragraph(part.trim()));
	blocks.push(factTable(doc.facts));
	if (doc.phaseTitles.length) {
		blocks.push(heading(HeadingLevel.HEADING_2, t('archive.doc.phases')));
		blocks.push(...numbered(doc.phaseTitles.map((title) => ({ text: title }))));
	}

	// Walls and texts.
	for (const phase of doc.phases) {
		blocks.push(sectionHeading(phase.title));
		if (phase.prompt)
			blocks.push(paragraph(t('archive.doc.prompt', { prompt: phase.prompt }), muted));
		if (phase.wall) blocks.push(...wallBlocks(phase));
		if (phase.vision) {
			if (phase.wall) blocks.push(heading(HeadingLevel.HEADING_2, t('archive.doc.vision')));
			if (!phase.vision.length) blocks.push(paragraph(t('archive.doc.visionEmpty')));
			let items: string[] = [];
			const flush = () => {
				blocks.push(...bullets(items.map((i) => ({ text: i }))));
				items = [];
			};
			for (const block of phase.vision) {
				if (block.kind === 'item') {
					items.push(block.text);
					continue;
				}
				flush();
				blocks.push(
					block.kind === 'heading'
						? heading(HeadingLevel.HEADING_3, block.text)
						: paragraph(block.text)
				);
			}
			flush();
		}
	}

	// Measure plan.
	blocks.push(sectionHeading(t('archive.doc.measures')));
	if (!doc.measures.length) blocks.push(paragraph(t('archive.doc.noMeasures')));
	else {
		blocks.push(
			paragraph(
				doc.measures.length === 1
					? t('archive.doc.measuresCountOne')
					: t('archive.doc.measuresCount', { n: doc.measures.length })
			),
			measureTable(doc)
		);
	}

	// Trail.
	blocks.push(sectionHeading(t('archive.doc.trail')));
	if (!doc.measures.length) blocks.push(paragraph(t('archive.doc.noMeasures')));
	else blocks.push(paragraph(t('archive.doc.trailIntro')));
	for (const m of doc.measures) {
		blocks.push(heading(HeadingLevel.HEADING_2, `${m.label} ${m.title}`, m.status));
		if (m.description)
			for (const part of m.description.split(/\n+/))
				if (part.trim()) blocks.push(paragraph(part.trim()));
		for (const [label, value] of [
			[t('archive.col.goals'), m.goals],
			[t('archive.col.districts'), m.districts],
			[t('archive.col.targetGroups'), m.targetGroups]
		])
			if (value) blocks.push(paragraph(`${label}: ${value}`, muted));
		if (m.origin.length) {
			blocks.push(new Paragraph({ children: [text(t('archive.doc.trailCards'), { bold: true })] }));
			blocks.push(
				...bullets(
					m.origin.map((c) => ({
						text: `„${c.text}“`,
						note: [c.where, dotsLabel(doc, c.dots)].filter(Boolean).join(' · ')
					}))
				)
			);
		} else blocks.push(paragraph(t('archive.doc.trailNone'), muted));
	}

	const document = new Document({
		creator: doc.municipality ?? 'Quartierswerkstatt',
		title: doc.documentTitle,
		subject: doc.subject,
		description: doc.subject,
		lastModifiedBy: 'Quartierswerkstatt',
		features: { updateFields: true },
		styles: {
			default: {
				document: {
					run: { font: 'Noto Sans', size: 21, language: { value: doc.lang } },
					paragraph: { spacing: { after: 60 } }
				},
				title: { run: { font: 'Noto Sans', size: 52, bold: true, color: '1F2933' } },
				heading1: {
					run: { font: 'Noto Sans', size: 34, bold: true, color: accent },
					paragraph: { spacing: { before: 240, after: 160 } }
				},
				heading2: {
					run: { font: 'Noto Sans', size: 26, bold: true, color: accent },
					paragraph: { spacing: { before: 240, after: 100 } }
				},
				heading3: {
					run: { font: 'Noto Sans', size: 22, bold: true, color: '1F2933' },
					paragraph: { spacing: { before: 180, after: 60 } }
				}
			}
		},
		numbering: {
			config: [
				{
					reference: 'ranked',
					levels: [
						{
							level: 0,
							format: LevelFormat.DECIMAL,
							text: '%1.',
							alignment: AlignmentType.START,
							style: { paragraph: { indent: { left: 440, hanging: 300 } } }
						}
					]
				}
			]
		},
		sections: [
			{
				properties: { titlePage: true },
				headers: {
					default: new Header({
						children: [
							new Paragraph({
								children: [
									text([doc.municipality, doc.title].filter(Boolean).join(' · '), { colour: muted })
								]
							})
						]
					})
				},
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: pageNumberRuns(doc)
							})
						]
					})
				},
				children: blocks
			}
		]
	});
	return repackAt(
		new Uint8Array(await Packer.toBuffer(document)),
		doc.generatedAt,
		numberBookmarks
	);

	function wallBlocks(phase: DocPhase): Block[] {
		const wall = phase.wall;
		if (!wall) return [];
		if (!wall.cardCount) return [paragraph(t('archive.doc.wallEmpty'))];
		const out: Block[] = [paragraph(wall.summary)];
		if (wall.canvas) {
			// The canvas as SVG with a PNG for programs without SVG, as wide as the text (6.3 in).
			const image = wallImage(doc, wall.canvas);
			const width = Math.min(600, image.width);
			const height = Math.min(800, Math.round((width / image.width) * image.height));
			out.push(
				new Paragraph({
					keepNext: true,
					children: [
						new ImageRun({
							type: 'svg',
							data: Buffer.from(image.svg, 'utf8'),
							fallback: { type: 'png', data: image.png },
							transformation: { width: Math.round((height / image.height) * image.width), height },
							altText: {
								name: t('archive.doc.wallPicture'),
								title: phase.title,
								description: wallPictureAlt(doc, phase, wall)
							}
						})
					]
				}),
				paragraph(
					wall.canvas.cards.some((c) => c.dots)
						? t('archive.doc.wallCanvasCaption')
						: t('archive.doc.wallCanvasCaptionPlain'),
					muted
				)
			);
		}
		out.push(heading(HeadingLevel.HEADING_2, t('archive.doc.votes')));
		if (wall.votes.length)
			out.push(
				...numbered(wall.votes.map((v) => ({ text: v.label, note: dotsLabel(doc, v.dots) })))
			);
		else out.push(paragraph(t('archive.doc.noVotes')));
		out.push(heading(HeadingLevel.HEADING_2, t('archive.doc.cardsByGroup')));
		const items = (cards: DocCard[]) =>
			cards.map((c) => ({ text: c.text, note: dotsLabel(doc, c.dots) || undefined }));
		for (const group of wall.groups) {
			out.push(
				heading(
					HeadingLevel.HEADING_3,
					group.name,
					[cardsLabel(doc, group.cards.length), dotsLabel(doc, group.dots)]
						.filter(Boolean)
						.join(' · ')
				)
			);
			if (group.cards.length) out.push(...bullets(items(group.cards)));
			else out.push(paragraph(t('archive.doc.groupEmpty')));
		}
		if (wall.loose.length) {
			out.push(
				heading(HeadingLevel.HEADING_3, t('archive.doc.loose'), cardsLabel(doc, wall.loose.length))
			);
			out.push(...bullets(items(wall.loose)));
		}
		return out;
	}
}

/** "Seite {n} von {total}" with Word's page fields where the slots are (marked by a private-use character). */
function pageNumberRuns(doc: Documentation): TextRun[] {
	const pattern = doc.t('archive.doc.page', { n: '\uE000n', total: '\uE000total' });
	return pattern
		.split(/(\uE000n|\uE000total)/)
		.filter(Boolean)
		.map((part) =>
			part === '\uE000n'
				? new TextRun({ children: [PageNumber.CURRENT], color: muted })
				: part === '\uE000total'
					? new TextRun({ children: [PageNumber.TOTAL_PAGES], color: muted })
					: new TextRun({ text: part, color: muted })
		);
}

const border = { style: BorderStyle.SINGLE, size: 4, color: rule };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(value: string, header = false, width?: number): TableCell {
	return new TableCell({
		borders,
		width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
		shading: header ? { type: ShadingType.CLEAR, fill: 'E6EDF5', color: 'auto' } : undefined,
		margins: { top: 60, bottom: 60, left: 80, right: 80 },
		children: [new Paragraph({ children: [new TextRun({ text: value, bold: header, size: 19 })] })]
	});
}

function factTable(facts: { label: string; value: string }[]): Table {
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: facts.map(
			(f) => new TableRow({ children: [cell(f.label, true, 30), cell(f.value, false, 70)] })
		)
	});
}

function measureTable(doc: Documentation): Table {
	const t = doc.t;
	const widths = [8, 38, 24, 18, 12];
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({
				tableHeader: true,
				cantSplit: true,
				children: [
					t('archive.col.number'),
					t('archive.col.measure'),
					t('archive.col.responsible'),
					t('archive.col.period'),
					t('archive.col.status')
				].map((h, i) => cell(h, true, widths[i]))
			}),
			...doc.measures.map(
				(m) =>
					new TableRow({
						cantSplit: true,
						children: [
							m.label,
							m.title,
							[m.responsible, m.partners].filter(Boolean).join(', '),
							m.period,
							m.status
						].map((v, i) => cell(v, false, widths[i]))
					})
			)
		]
	});
}

/** Width and height of a PNG (IHDR) or JPEG (first frame header), or null. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes.length > 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
		const size = { width: view.getUint32(16), height: view.getUint32(20) };
		return size.width && size.height ? size : null;
	}
	if (bytes[0] === 0xff && bytes[1] === 0xd8) {
		let at = 2;
		while (at + 9 < bytes.length) {
			if (bytes[at] !== 0xff) return null;
			const marker = bytes[at + 1];
			const length = view.getUint16(at + 2);
			if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
				const size = { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
				return size.width && size.height ? size : null;
			}
			at += 2 + length;
		}
	}
	return null;
}

/**
 * The docx package numbers bookmarks (the headings the table of contents links to) by a counter
 * that runs on across documents: they are numbered from 1 in each document instead, so the same
 * archive gives the same bytes.
 */
function numberBookmarks(files: Record<string, Uint8Array>): void {
	const body = files['word/document.xml'];
	if (!body) return;
	const numbers = new Map<string, number>();
	let drawings = 0;
	const renumber = (n: string) => {
		if (!numbers.has(n)) numbers.set(n, numbers.size + 1);
		return String(numbers.get(n));
	};
	files['word/document.xml'] = new TextEncoder().encode(
		new TextDecoder()
			.decode(body)
			.replace(/_Toc(\d+)/g, (_, n: string) => `_Toc${renumber(n)}`)
			.replace(
				/(<w:bookmark(?:Start|End)\b[^>]*?w:id=")(\d+)"/g,
				(_, head: string, n: string) => `${head}${renumber(n)}"`
			)
			// Drawings (logo, wall pictures) are numbered across documents too; 1, 2, … per file.
			.replace(/(<wp:docPr\b[^>]*?\bid=")\d+"/g, (_, head: string) => `${head}${++drawings}"`)
	);
}
