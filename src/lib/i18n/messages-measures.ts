/** UI text: Goals, measures, controlling, API tokens. German first, plain language; English mirrors every key. */
export const measuresDe = {} as const;

export const measuresEn: Record<keyof typeof measuresDe, string> = {};
