/**
 * A made-up 2027 holiday schedule for API tests only — not the State Council's notice (the real
 * one is not published yet). `number` tells the notices of different tests apart.
 */
export function fixtureSchedule2027(number: string) {
  return {
    year: 2027,
    notice: { title: '测试用2027年节假日安排（非官方）', number, issuedOn: '2026-11-01' },
    holidays: [
      { festivals: ['元旦'], first: '2027-01-01', last: '2027-01-03', days: 3, adjustedWorkingDays: [] as string[] },
      { festivals: ['春节'], first: '2027-02-05', last: '2027-02-11', days: 7, adjustedWorkingDays: [] as string[] },
      { festivals: ['清明节'], first: '2027-04-03', last: '2027-04-05', days: 3, adjustedWorkingDays: [] as string[] },
      { festivals: ['劳动节'], first: '2027-05-01', last: '2027-05-05', days: 5, adjustedWorkingDays: [] as string[] },
      { festivals: ['端午节'], first: '2027-06-09', last: '2027-06-11', days: 3, adjustedWorkingDays: [] as string[] },
      { festivals: ['中秋节'], first: '2027-09-15', last: '2027-09-17', days: 3, adjustedWorkingDays: [] as string[] },
      { festivals: ['国庆节'], first: '2027-10-01', last: '2027-10-07', days: 7, adjustedWorkingDays: [] as string[] },
    ],
  };
}
