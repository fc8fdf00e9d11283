/**
 * Agency sectors (执法领域): what kind of administrative agency can sanction a conduct. A rule names
 * sectors, not organizations; each procuratorate maps its local agencies to sectors, so the same
 * rules serve every place (DOMAIN §1, §9).
 */
export const AGENCY_SECTORS = [
  'public_security',
  'traffic_police',
  'transport',
  'market_regulation',
  'housing',
  'human_resources',
  'education',
  'agriculture',
  'forestry',
  'natural_resources',
  'ecology',
  'health',
  'medical_insurance',
  'tax',
  'water',
  'justice',
] as const;
export type AgencySector = (typeof AGENCY_SECTORS)[number];

export const AGENCY_SECTOR_LABELS: Readonly<Record<AgencySector, { 'zh-CN': string; 'en-US': string }>> = {
  public_security: { 'zh-CN': '公安', 'en-US': 'Public security' },
  traffic_police: { 'zh-CN': '公安交管', 'en-US': 'Traffic police' },
  transport: { 'zh-CN': '交通运输', 'en-US': 'Transport' },
  market_regulation: { 'zh-CN': '市场监管', 'en-US': 'Market regulation' },
  housing: { 'zh-CN': '住房城乡建设', 'en-US': 'Housing and construction' },
  human_resources: { 'zh-CN': '人力资源社会保障', 'en-US': 'Human resources and social security' },
  education: { 'zh-CN': '教育', 'en-US': 'Education' },
  agriculture: { 'zh-CN': '农业农村（渔政）', 'en-US': 'Agriculture and rural affairs (fisheries)' },
  forestry: { 'zh-CN': '林业', 'en-US': 'Forestry' },
  natural_resources: { 'zh-CN': '自然资源', 'en-US': 'Natural resources' },
  ecology: { 'zh-CN': '生态环境', 'en-US': 'Ecology and environment' },
  health: { 'zh-CN': '卫生健康', 'en-US': 'Health' },
  medical_insurance: { 'zh-CN': '医疗保障', 'en-US': 'Medical insurance' },
  tax: { 'zh-CN': '税务', 'en-US': 'Tax' },
  water: { 'zh-CN': '水利', 'en-US': 'Water resources' },
  justice: { 'zh-CN': '司法行政', 'en-US': 'Justice administration' },
};

export function isAgencySector(value: unknown): value is AgencySector {
  return typeof value === 'string' && (AGENCY_SECTORS as readonly string[]).includes(value);
}
