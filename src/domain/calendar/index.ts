export * from './holidayCalendar';
export * from './isoDate';
export * from './schedule';
export * from './stateCouncilSchedules';
