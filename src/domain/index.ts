export * from './fullWidth';
export * from './idNumber';
export * from './personName';
export * from './values';
export * from './calendar';
export * from './deadlines';
