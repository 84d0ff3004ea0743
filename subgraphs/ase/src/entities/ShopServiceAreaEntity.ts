import { defineEntity } from './defineEntity.ts';

/** A service area (an ASE test code) a shop offers (table shop_service_area). */
export class ShopServiceAreaEntity {
  shopId!: string;
  testCode!: string;
}

defineEntity(ShopServiceAreaEntity, 'shop_service_area', {
  shopId: { primary: true, type: 'varchar', length: 40, name: 'shop_id' },
  testCode: { primary: true, type: 'varchar', length: 10, name: 'test_code' },
});
