import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInKind } from '../../src/domain/datasetKinds.js';
import { idCheckChar } from '../../src/domain/idNumber.js';
import { storedColumns } from '../../src/ingest/tableLayout.js';
import { systemContext } from '../../src/server/commands/context.js';
import { createDataset, importDataset } from '../../src/server/commands/datasets.js';
import { tableReference } from '../../src/server/db/warehouse.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';

const ID = (body17: string) => body17 + idCheckChar(body17);
const TENANTS = [
  '合同编号,承租人身份证号,承租人姓名,房屋编号,起租日期,状态',
  `GZF-001,${ID('11010519900101123')},張 三,U-1,2021-03-05,在租`,
  `GZF-002,${ID('11010519851231002')},单田芳,U-2,2021-04-01,在租`,
  `GZF-003,${ID('11010519700101003')},阿依古丽•买买提,U-3,2021-05-01,在租`,
].join('\n');

for (const warehouse of ['duckdb', 'postgres'] as const) {
  describe(`name pinyin stored at import (${warehouse} warehouse)`, () => {
    let t: TestApp;
    let table: string;
    const kind = builtInKind('public_housing_tenants')!;

    beforeAll(async () => {
      t = await createTestApp({ warehouse });
      const file = path.join(t.dataDir, 'tenants.csv');
      fs.writeFileSync(file, TENANTS);
      const ctx = systemContext('test');
      const datasetId = await createDataset(t.database.db, ctx, { kind: kind.kind, name: 'pinyin', ownerOrganizationId: null, legalBasis: 'other' });
      const outcome = await importDataset({ db: t.database.db, warehouse: t.warehouse, dataDir: t.dataDir }, ctx, { datasetId, kind, file, fileName: 'tenants.csv' });
      expect(outcome.report?.rowsImported).toBe(3);
      const version = await t.database.db.selectFrom('dataset_versions').select('warehouse_table').where('id', '=', outcome.versionId).executeTakeFirstOrThrow();
      table = version.warehouse_table!;
    });
    afterAll(() => t.close());

    it('writes <name column>_pinyin beside each normalized name', async () => {
      const rows = await t.warehouse.query(`SELECT contract_no, tenant_name, tenant_name_pinyin FROM ${tableReference(t.warehouse, table)} ORDER BY contract_no`, []);
      expect(rows).toEqual([
        { contract_no: 'GZF-001', tenant_name: '张三', tenant_name_pinyin: 'zhang san' },
        { contract_no: 'GZF-002', tenant_name: '单田芳', tenant_name_pinyin: 'shan tian fang' },
        { contract_no: 'GZF-003', tenant_name: '阿依古丽·买买提', tenant_name_pinyin: 'a yi gu li mai mai ti' },
      ]);
    });

    it('shows the pinyin in the rows browser, and still reads versions imported before it existed', async () => {
      const page = await t.warehouse.queryRows(table, storedColumns(kind), { limit: 10, offset: 0 });
      expect(page.rows[0]).toMatchObject({ tenant_name: '张三', tenant_name_pinyin: 'zhang san' });
      await t.warehouse.query(`ALTER TABLE ${tableReference(t.warehouse, table)} DROP COLUMN tenant_name_pinyin`, []);
      const old = await t.warehouse.queryRows(table, storedColumns(kind), { limit: 10, offset: 0, anyOf: [{ column: 'tenant_name', op: 'contains', value: '张' }] });
      expect(old.total).toBe(1);
      expect(old.rows[0]).toMatchObject({ contract_no: 'GZF-001', tenant_name: '张三' });
      expect(old.rows[0]).not.toHaveProperty('tenant_name_pinyin');
    });
  });
}
