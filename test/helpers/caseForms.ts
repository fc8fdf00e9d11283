/** What a 检察建议书 needs from its case's review form before its draft has no blanks left (a
 * food-safety case), for API tests that take a suggestion through to service. */
export const SUGGESTION_FORM = {
  origin: '履行法律监督职责',
  evidence: ['现场检查笔录', '询问笔录'],
  problems: ['对销售过期食品的违法行为未依法查处'],
  causes: '执法检查流于形式',
  corrections: ['依法立案查处', '加强日常监督检查'],
  legalBasis: ['《中华人民共和国食品安全法》第三十四条'],
  objectionDays: 5,
};
