import { Entity, PrimaryColumn } from 'typeorm';

/** A service area (an ASE test code) a shop offers (table shop_service_area). */
@Entity({ name: 'shop_service_area' })
export class ShopServiceAreaEntity {
  @PrimaryColumn({ name: 'shop_id', type: 'varchar', length: 40 })
  shopId!: string;

  @PrimaryColumn({ name: 'test_code', type: 'varchar', length: 10 })
  testCode!: string;
}
