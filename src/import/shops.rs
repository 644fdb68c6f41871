//! Shop exports recognised by their header (issue 14): Shopify orders,
//! WooCommerce orders, Stripe payments, Taobao/Tmall 订单报表, Youzan 有赞,
//! JD 京东 and Pinduoduo 拼多多. Each names its customer, date, amount, order
//! and status columns; the status words decide which rows are not purchases
//! (never paid, closed, cancelled, voided, refunded), left out by default.
//!
//! The column names are the ones each system documents for its export; the
//! fixtures in `tests/fixtures/shops/` are built from them (see their README).

use crate::import::columns::Mapping;
use crate::import::dates;

/// A recognised export layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Shop {
    /// Any other file (the columns are guessed from names and content).
    #[default]
    Generic,
    /// Shopify admin → Orders → Export.
    Shopify,
    /// WooCommerce orders (Analytics → Orders download, or the Customer/Order
    /// CSV Export's default columns).
    WooCommerce,
    /// Stripe Dashboard → Payments → Export.
    Stripe,
    /// Taobao / Tmall 已卖出的宝贝 → 订单报表.
    Taobao,
    /// Youzan 有赞 订单导出.
    Youzan,
    /// JD 京东 商家后台 订单导出.
    Jd,
    /// Pinduoduo 拼多多 商家后台 订单导出.
    Pinduoduo,
}

impl Shop {
    /// Every layout, generic first.
    pub const ALL: [Shop; 8] = [
        Shop::Generic,
        Shop::Shopify,
        Shop::WooCommerce,
        Shop::Stripe,
        Shop::Taobao,
        Shop::Youzan,
        Shop::Jd,
        Shop::Pinduoduo,
    ];

    /// The stable code (CONTRACT.md `import-format`).
    pub fn code(self) -> &'static str {
        match self {
            Shop::Generic => "generic",
            Shop::Shopify => "shopify",
            Shop::WooCommerce => "woocommerce",
            Shop::Stripe => "stripe",
            Shop::Taobao => "taobao",
            Shop::Youzan => "youzan",
            Shop::Jd => "jd",
            Shop::Pinduoduo => "pinduoduo",
        }
    }

    /// The layout of a code.
    pub fn from_code(code: &str) -> Option<Shop> {
        Shop::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Shop::Generic => "",
            Shop::Shopify => "Shopify",
            Shop::WooCommerce => "WooCommerce",
            Shop::Stripe => "Stripe",
            Shop::Taobao => "淘宝/天猫",
            Shop::Youzan => "有赞",
            Shop::Jd => "京东",
            Shop::Pinduoduo => "拼多多",
        }
    }

    /// Whether consecutive rows of one order are its line items (one
    /// purchase, the values of its first row). True for every shop layout
    /// (per-order exports have no such rows, per-item ones do); never for a
    /// generic file, where a repeated order id may be meant.
    pub fn merges_line_items(self) -> bool {
        self != Shop::Generic
    }
}

/// A header name as compared: trimmed, lower case, without a BOM or quotes
/// (Taobao writes `="订单编号"`-style cells and trailing spaces).
fn norm(name: &str) -> String {
    name.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}' || c == '"' || c == '=')
        .to_lowercase()
}

/// The first column whose normalised name is one of `names`.
fn find(header: &[String], names: &[&str]) -> Option<usize> {
    let normed: Vec<String> = header.iter().map(|h| norm(h)).collect();
    names
        .iter()
        .find_map(|n| normed.iter().position(|h| h == n))
}

/// The layout a header is, by the columns only that system writes.
pub fn recognise(header: &[String]) -> Shop {
    let has = |names: &[&str]| find(header, names).is_some();
    if has(&["name"]) && has(&["financial status"]) && has(&["lineitem name", "paid at"]) {
        Shop::Shopify
    } else if (has(&["order_number", "order_id"]) && has(&["order_total"]))
        || (has(&["order #"]) && has(&["net sales"]) && has(&["customer type"]))
    {
        Shop::WooCommerce
    } else if has(&["created (utc)", "created date (utc)"])
        && has(&["amount refunded", "customer id"])
    {
        Shop::Stripe
    } else if has(&["订单编号"]) && has(&["买家会员名"]) {
        Shop::Taobao
    } else if has(&["订单号"]) && has(&["用户实付金额(元)", "商家实收金额(元)"]) {
        Shop::Pinduoduo
    } else if has(&["订单号"]) && has(&["下单帐号", "下单账号", "下单用户账号", "用户账号"])
    {
        Shop::Jd
    } else if has(&["订单号"]) && has(&["订单实付金额", "归属店铺", "买家手机号", "粉丝昵称"])
    {
        Shop::Youzan
    } else {
        Shop::Generic
    }
}

/// The mapping a recognised layout documents (None for generic, or when a
/// column it needs is missing: the guess then decides).
pub fn mapping(shop: Shop, header: &[String]) -> Option<Mapping> {
    let f = |names: &[&str]| find(header, names);
    let (customer, date, amount, order, status, cancelled) = match shop {
        Shop::Generic => return None,
        Shop::Shopify => (
            f(&["email", "billing name", "phone"]),
            f(&["created at", "paid at"]),
            f(&["total"]),
            f(&["name"]),
            f(&["financial status"]),
            f(&["cancelled at"]),
        ),
        Shop::WooCommerce => (
            f(&["billing_email", "customer_id", "customer"]),
            f(&["order_date", "date"]),
            f(&["order_total", "net sales"]),
            f(&["order_number", "order_id", "order #"]),
            f(&["status", "order_status"]),
            None,
        ),
        Shop::Stripe => (
            f(&["customer id", "customer email"]),
            f(&["created (utc)", "created date (utc)"]),
            f(&["amount", "converted amount"]),
            f(&["id"]),
            f(&["status"]),
            None,
        ),
        Shop::Taobao => (
            f(&["买家会员名"]),
            f(&["订单创建时间", "订单付款时间"]),
            f(&["买家实际支付金额", "总金额"]),
            f(&["订单编号"]),
            f(&["订单状态"]),
            None,
        ),
        Shop::Youzan => (
            f(&["买家手机号", "买家昵称", "粉丝昵称", "买家姓名"]),
            f(&["订单创建时间", "下单时间", "买家付款时间"]),
            f(&["订单实付金额", "实付金额"]),
            f(&["订单号"]),
            f(&["订单状态"]),
            None,
        ),
        Shop::Jd => (
            f(&["下单帐号", "下单账号", "下单用户账号", "用户账号"]),
            f(&["下单时间"]),
            f(&["应付金额", "订单金额"]),
            f(&["订单号"]),
            f(&["订单状态"]),
            None,
        ),
        Shop::Pinduoduo => (
            f(&["用户购买手机号", "收货人"]),
            f(&["支付时间", "订单成交时间", "拼单成功时间"]),
            f(&["用户实付金额(元)", "商家实收金额(元)"]),
            f(&["订单号"]),
            f(&["订单状态"]),
            f(&["售后状态"]),
        ),
    };
    Some(Mapping {
        customer: customer?,
        date: date?,
        amount,
        order,
        status,
        cancelled,
        segment: None,
    })
}

/// A generic file's status column, by its name.
pub fn status_column(header: &[String]) -> Option<usize> {
    find(
        header,
        &[
            "status",
            "order status",
            "financial status",
            "payment status",
            "订单状态",
            "交易状态",
            "支付状态",
            "状态",
        ],
    )
}

/// Whether a status value says the row is not a purchase: never paid,
/// closed, cancelled, voided, failed or (fully) refunded, in any of the
/// layouts' words. An empty status is a purchase.
pub fn status_excluded(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    let v = v.to_lowercase();
    if v.is_empty()
        || v.contains("partial")
        || v.contains("部分")
        || v.contains("无售后")
        || v.contains("售后取消")
    {
        return false;
    }
    const WORDS: [&str; 27] = [
        "cancel",
        "void",
        "refund",
        "fail",
        "pending",
        "unpaid",
        "not paid",
        "declin",
        "expire",
        "on-hold",
        "on hold",
        "draft",
        "trash",
        "authorized",
        "uncaptured",
        "abandon",
        "关闭",
        "取消",
        "退款成功",
        "已退款",
        "全额退款",
        "待付款",
        "待支付",
        "未付款",
        "等待付款",
        "等待买家付款",
        "锁定",
    ];
    WORDS.iter().any(|w| v.contains(w)) || v.contains("失败")
}

/// Whether a "cancelled" column's value leaves the row out: a date (Shopify's
/// `Cancelled at`) or an excluded status word (Pinduoduo's 售后状态).
pub fn cancelled(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty() && (dates::parse(v).is_some() || status_excluded(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(s: &str) -> Vec<String> {
        s.split(',').map(str::to_string).collect()
    }

    #[test]
    fn each_layout_is_recognised_by_its_header() {
        let cases = [
            ("Name,Email,Financial Status,Paid at,Created at,Total,Lineitem name,Cancelled at", Shop::Shopify),
            ("order_id,order_number,order_date,status,order_total,customer_id,billing_email", Shop::WooCommerce),
            ("Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Net Sales", Shop::WooCommerce),
            ("id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email", Shop::Stripe),
            ("订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 ", Shop::Taobao),
            ("订单号,订单状态,订单创建时间,订单实付金额,买家手机号,归属店铺", Shop::Youzan),
            ("订单号,商品ID,下单时间,应付金额,订单状态,下单帐号", Shop::Jd),
            ("商品,订单号,订单状态,用户实付金额(元),支付时间,用户购买手机号,售后状态", Shop::Pinduoduo),
            ("customer,date,amount", Shop::Generic),
        ];
        for (h, shop) in cases {
            let h = header(h);
            assert_eq!(recognise(&h), shop, "{h:?}");
            if shop != Shop::Generic {
                assert!(mapping(shop, &h).is_some(), "{shop:?}");
            }
            assert_eq!(Shop::from_code(shop.code()), Some(shop));
        }
        let m = mapping(
            Shop::Shopify,
            &header(
                "Name,Email,Financial Status,Paid at,Created at,Total,Lineitem name,Cancelled at",
            ),
        )
        .unwrap();
        assert_eq!(
            (m.customer, m.date, m.amount, m.order, m.status, m.cancelled),
            (1, 4, Some(5), Some(0), Some(2), Some(7))
        );
    }

    #[test]
    fn status_words() {
        for kept in [
            "paid",
            "partially_refunded",
            "Partially refunded",
            "completed",
            "processing",
            "Paid",
            "交易成功",
            "卖家已发货，等待买家确认",
            "买家已付款，等待卖家发货",
            "已完成",
            "待发货",
            "完成",
            "等待出库",
            "已签收",
            "无售后或售后取消",
            "",
            "部分退款",
        ] {
            assert!(!status_excluded(kept), "{kept}");
        }
        for out in [
            "pending",
            "authorized",
            "voided",
            "refunded",
            "expired",
            "cancelled",
            "Canceled",
            "failed",
            "on-hold",
            "checkout-draft",
            "Refunded",
            "交易关闭",
            "等待买家付款",
            "已关闭",
            "待付款",
            "已取消",
            "取消",
            "锁定",
            "退款成功",
            "已发货，退款成功",
            "Failed",
        ] {
            assert!(status_excluded(out), "{out}");
        }
        assert!(cancelled("2024-03-02 10:11:12 -0500"));
        assert!(cancelled("退款成功"));
        assert!(!cancelled(""));
        assert!(!cancelled("无售后或售后取消"));
    }
}
