/** UI text: Rich-text editor (vision statement). German first, plain language; English mirrors every key. */
export const editorDe = {} as const;

export const editorEn: Record<keyof typeof editorDe, string> = {};
