import pytest

from ledgerkit.books import (
    Account,
    AccountRegistry,
    Asset,
    AssetRegistry,
    Invoice,
    InvoiceRegistry,
    accounts_from_csv,
    accounts_to_csv,
    assets_from_csv,
    assets_to_csv,
    invoices_from_csv,
    invoices_to_csv,
    summarize_accounts,
    summarize_assets,
    summarize_invoices,
)


def test_accounts_round_trip() -> None:
    first = Account.from_dict({'number': '1200', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2500.0, 'locked': False})
    second = Account.from_dict({'number': '12002', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2503.0, 'locked': False})
    assert Account.from_dict(first.to_dict()) == first
    assert accounts_from_csv(accounts_to_csv([first, second])) == [first, second]


def test_accounts_registry() -> None:
    registry = AccountRegistry([Account.from_dict({'number': '1200', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2500.0, 'locked': False})])
    registry.add(Account.from_dict({'number': '12002', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2503.0, 'locked': False}))
    assert len(registry) == 2 and '12002' in registry
    with pytest.raises(KeyError):
        registry.add(Account.from_dict({'number': '1200', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2500.0, 'locked': False}))
    assert registry.remove('1200').number == '1200'
    assert [item.number for item in registry] == ['12002']


def test_accounts_summary() -> None:
    items = [Account.from_dict({'number': '1200', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2500.0, 'locked': False}), Account.from_dict({'number': '12002', 'name': 'Bank', 'kind': 'asset', 'opening_balance': 2503.0, 'locked': False})]
    summary = summarize_accounts(items)
    assert summary["count"] == 2
    assert summary["opening_balance"]["total"] == pytest.approx(5003.0)
    assert summary["opening_balance"]["max"] == 2503.0

def test_invoices_round_trip() -> None:
    first = Invoice.from_dict({'number': '2024-0007', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1000.0, 'tax': 190.0, 'paid': False})
    second = Invoice.from_dict({'number': '2024-00072', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1003.0, 'tax': 193.0, 'paid': False})
    assert Invoice.from_dict(first.to_dict()) == first
    assert invoices_from_csv(invoices_to_csv([first, second])) == [first, second]


def test_invoices_registry() -> None:
    registry = InvoiceRegistry([Invoice.from_dict({'number': '2024-0007', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1000.0, 'tax': 190.0, 'paid': False})])
    registry.add(Invoice.from_dict({'number': '2024-00072', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1003.0, 'tax': 193.0, 'paid': False}))
    assert len(registry) == 2 and '2024-00072' in registry
    with pytest.raises(KeyError):
        registry.add(Invoice.from_dict({'number': '2024-0007', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1000.0, 'tax': 190.0, 'paid': False}))
    assert registry.remove('2024-0007').number == '2024-0007'
    assert [item.number for item in registry] == ['2024-00072']


def test_invoices_summary() -> None:
    items = [Invoice.from_dict({'number': '2024-0007', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1000.0, 'tax': 190.0, 'paid': False}), Invoice.from_dict({'number': '2024-00072', 'client_id': 'K-0001', 'issued_on': '2024-04-02', 'net': 1003.0, 'tax': 193.0, 'paid': False})]
    summary = summarize_invoices(items)
    assert summary["count"] == 2
    assert summary["net"]["total"] == pytest.approx(2003.0)
    assert summary["net"]["max"] == 1003.0

def test_assets_round_trip() -> None:
    first = Asset.from_dict({'tag': 'FA-0031', 'description': 'Delivery van', 'cost': 28000.0, 'useful_life_years': 6, 'disposed': False})
    second = Asset.from_dict({'tag': 'FA-00312', 'description': 'Delivery van', 'cost': 28003.0, 'useful_life_years': 8, 'disposed': False})
    assert Asset.from_dict(first.to_dict()) == first
    assert assets_from_csv(assets_to_csv([first, second])) == [first, second]


def test_assets_registry() -> None:
    registry = AssetRegistry([Asset.from_dict({'tag': 'FA-0031', 'description': 'Delivery van', 'cost': 28000.0, 'useful_life_years': 6, 'disposed': False})])
    registry.add(Asset.from_dict({'tag': 'FA-00312', 'description': 'Delivery van', 'cost': 28003.0, 'useful_life_years': 8, 'disposed': False}))
    assert len(registry) == 2 and 'FA-00312' in registry
    with pytest.raises(KeyError):
        registry.add(Asset.from_dict({'tag': 'FA-0031', 'description': 'Delivery van', 'cost': 28000.0, 'useful_life_years': 6, 'disposed': False}))
    assert registry.remove('FA-0031').tag == 'FA-0031'
    assert [item.tag for item in registry] == ['FA-00312']


def test_assets_summary() -> None:
    items = [Asset.from_dict({'tag': 'FA-0031', 'description': 'Delivery van', 'cost': 28000.0, 'useful_life_years': 6, 'disposed': False}), Asset.from_dict({'tag': 'FA-00312', 'description': 'Delivery van', 'cost': 28003.0, 'useful_life_years': 8, 'disposed': False})]
    summary = summarize_assets(items)
    assert summary["count"] == 2
    assert summary["cost"]["total"] == pytest.approx(56003.0)
    assert summary["cost"]["max"] == 28003.0
