import pytest

from stockroom.inventory import (
    Pallet,
    PalletRegistry,
    Product,
    ProductRegistry,
    Supplier,
    SupplierRegistry,
    pallets_from_csv,
    pallets_to_csv,
    products_from_csv,
    products_to_csv,
    summarize_pallets,
    summarize_products,
    summarize_suppliers,
    suppliers_from_csv,
    suppliers_to_csv,
)


def test_suppliers_round_trip() -> None:
    first = Supplier.from_dict({'code': 'ACME', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 7, 'min_order_value': 150.0, 'preferred': True})
    second = Supplier.from_dict({'code': 'ACME2', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 9, 'min_order_value': 153.0, 'preferred': True})
    assert Supplier.from_dict(first.to_dict()) == first
    assert suppliers_from_csv(suppliers_to_csv([first, second])) == [first, second]


def test_suppliers_registry() -> None:
    registry = SupplierRegistry([Supplier.from_dict({'code': 'ACME', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 7, 'min_order_value': 150.0, 'preferred': True})])
    registry.add(Supplier.from_dict({'code': 'ACME2', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 9, 'min_order_value': 153.0, 'preferred': True}))
    assert len(registry) == 2 and 'ACME2' in registry
    with pytest.raises(KeyError):
        registry.add(Supplier.from_dict({'code': 'ACME', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 7, 'min_order_value': 150.0, 'preferred': True}))
    assert registry.remove('ACME').code == 'ACME'
    assert [item.code for item in registry] == ['ACME2']


def test_suppliers_summary() -> None:
    items = [Supplier.from_dict({'code': 'ACME', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 7, 'min_order_value': 150.0, 'preferred': True}), Supplier.from_dict({'code': 'ACME2', 'name': 'Acme Tools Ltd', 'country': 'DE', 'lead_time_days': 9, 'min_order_value': 153.0, 'preferred': True})]
    summary = summarize_suppliers(items)
    assert summary["count"] == 2
    assert summary["lead_time_days"] == {"total": 16, "min": 7, "max": 9}

def test_products_round_trip() -> None:
    first = Product.from_dict({'sku': 'HAM-001', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 6.5, 'unit_price': 12.9, 'weight_kg': 0.7, 'discontinued': False})
    second = Product.from_dict({'sku': 'HAM-0012', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 9.5, 'unit_price': 15.9, 'weight_kg': 3.7, 'discontinued': False})
    assert Product.from_dict(first.to_dict()) == first
    assert products_from_csv(products_to_csv([first, second])) == [first, second]


def test_products_registry() -> None:
    registry = ProductRegistry([Product.from_dict({'sku': 'HAM-001', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 6.5, 'unit_price': 12.9, 'weight_kg': 0.7, 'discontinued': False})])
    registry.add(Product.from_dict({'sku': 'HAM-0012', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 9.5, 'unit_price': 15.9, 'weight_kg': 3.7, 'discontinued': False}))
    assert len(registry) == 2 and 'HAM-0012' in registry
    with pytest.raises(KeyError):
        registry.add(Product.from_dict({'sku': 'HAM-001', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 6.5, 'unit_price': 12.9, 'weight_kg': 0.7, 'discontinued': False}))
    assert registry.remove('HAM-001').sku == 'HAM-001'
    assert [item.sku for item in registry] == ['HAM-0012']


def test_products_summary() -> None:
    items = [Product.from_dict({'sku': 'HAM-001', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 6.5, 'unit_price': 12.9, 'weight_kg': 0.7, 'discontinued': False}), Product.from_dict({'sku': 'HAM-0012', 'description': 'Claw hammer, 16 oz', 'category': 'tools', 'unit_cost': 9.5, 'unit_price': 15.9, 'weight_kg': 3.7, 'discontinued': False})]
    summary = summarize_products(items)
    assert summary["count"] == 2
    assert summary["unit_cost"]["total"] == pytest.approx(16.0)
    assert summary["unit_cost"]["max"] == 9.5

def test_pallets_round_trip() -> None:
    first = Pallet.from_dict({'sscc': '340123450000000017', 'sku': 'HAM-001', 'cases': 24, 'height_cm': 140.0, 'stackable': True})
    second = Pallet.from_dict({'sscc': '3401234500000000172', 'sku': 'HAM-001', 'cases': 26, 'height_cm': 143.0, 'stackable': True})
    assert Pallet.from_dict(first.to_dict()) == first
    assert pallets_from_csv(pallets_to_csv([first, second])) == [first, second]


def test_pallets_registry() -> None:
    registry = PalletRegistry([Pallet.from_dict({'sscc': '340123450000000017', 'sku': 'HAM-001', 'cases': 24, 'height_cm': 140.0, 'stackable': True})])
    registry.add(Pallet.from_dict({'sscc': '3401234500000000172', 'sku': 'HAM-001', 'cases': 26, 'height_cm': 143.0, 'stackable': True}))
    assert len(registry) == 2 and '3401234500000000172' in registry
    with pytest.raises(KeyError):
        registry.add(Pallet.from_dict({'sscc': '340123450000000017', 'sku': 'HAM-001', 'cases': 24, 'height_cm': 140.0, 'stackable': True}))
    assert registry.remove('340123450000000017').sscc == '340123450000000017'
    assert [item.sscc for item in registry] == ['3401234500000000172']


def test_pallets_summary() -> None:
    items = [Pallet.from_dict({'sscc': '340123450000000017', 'sku': 'HAM-001', 'cases': 24, 'height_cm': 140.0, 'stackable': True}), Pallet.from_dict({'sscc': '3401234500000000172', 'sku': 'HAM-001', 'cases': 26, 'height_cm': 143.0, 'stackable': True})]
    summary = summarize_pallets(items)
    assert summary["count"] == 2
    assert summary["cases"] == {"total": 50, "min": 24, "max": 26}
