import { MonthlyReturn } from './monthly-return.entity';

export const monthlyReturnEntities = [MonthlyReturn];
