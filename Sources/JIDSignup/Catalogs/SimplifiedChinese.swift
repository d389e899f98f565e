extension Catalogs {
    static let simplifiedChinese: [String: String] = [
        "jid.empty": "请输入地址。",
        "jid.too-long": "作为地址，这太长了。",
        "jid.invalid-utf8": "无法读取此文本，请重新输入。",
        "jid.not-stream-safe": "第 {position, number, integer} 个字符上叠加的附加符号过多。",
        "jid.invalid": "此地址无效。",

        "localpart.empty": "请输入用户名。",
        "localpart.too-long": "此用户名太长，请选择一个短一些的。",
        "localpart.disallowed-codepoint": "用户名不能包含“{character}”（{name}），位于第 {position, number, integer} 个字符。",
        "localpart.unassigned-codepoint":
            "第 {position, number, integer} 个字符（{character}）尚不是已知的字母，因此不能用于用户名。",
        "localpart.context-rule":
            "“{character}”（{name}）不能出现在用户名的这个位置（第 {position, number, integer} 个字符）。",
        "localpart.bidi-rule": "此用户名混合了从右到左和从左到右的书写方式，显示时可能造成误导。",
        "localpart.not-idempotent": "此用户名每次处理都会发生变化，请使用普通的字母和数字。",
        "localpart.prohibited-codepoint":
            "旧服务器不允许用户名中出现“{character}”（{name}）（第 {position, number, integer} 个字符）。",
        "localpart.excluded-character": "用户名不能包含“{character}”（第 {position, number, integer} 个字符）。",
        "localpart.invalid": "此用户名无效。",

        "domainpart.empty": "请输入域名（@ 之后的部分）。",
        "domainpart.too-long": "此域名太长。",
        "domainpart.disallowed-codepoint": "域名不能包含“{character}”（{name}），位于第 {position, number, integer} 个字符。",
        "domainpart.unassigned-codepoint":
            "第 {position, number, integer} 个字符（{character}）尚不是已知的字母，因此不能用于域名。",
        "domainpart.context-rule":
            "“{character}”（{name}）不能出现在域名的这个位置（第 {position, number, integer} 个字符）。",
        "domainpart.bidi-rule": "此域名以不允许的方式混合了从右到左和从左到右的书写方式。",
        "domainpart.not-idempotent": "此域名每次处理都会发生变化。",
        "domainpart.prohibited-codepoint":
            "旧服务器不允许域名中出现“{character}”（{name}）（第 {position, number, integer} 个字符）。",
        "domainpart.empty-label": "此域名以点开头，或包含两个连续的点。",
        "domainpart.label-too-long": "此域名中两个点之间的某一部分超过 {limit, number, integer} 个字符。",
        "domainpart.non-ldh-character":
            "域名只能包含字母、数字、连字符和点，不能包含“{character}”（第 {position, number, integer} 个字符）。",
        "domainpart.hyphen-start-end": "此域名中两个点之间的某一部分以连字符开头或结尾。",
        "domainpart.reserved-label": "此域名的某一部分第三和第四个字符是连字符，这是保留的用法。",
        "domainpart.invalid-a-label": "此域名中以“xn--”开头的部分不是有效的编码名称。",
        "domainpart.leading-combining-mark": "此域名的某一部分以附加符号开头。",
        "domainpart.numeric-tld": "域名的最后一部分不能全是数字。",
        "domainpart.invalid-ipv4": "这看起来像 IP 地址，但并不有效。",
        "domainpart.invalid-ipv6": "这不是有效的 IPv6 地址。",
        "domainpart.ipv6-zone-id": "此处的 IPv6 地址不能指定网络接口（% 之后的部分）。",
        "domainpart.invalid-ip-literal": "方括号中必须是有效的 IPv6 地址。",
        "domainpart.idna-error": "这不是有效的国际化域名。",
        "domainpart.dns-too-long": "此域名太长，无法在互联网上查找（最多 {limit, number, integer} 个字符）。",
        "domainpart.idna2003-error": "旧服务器无法读取此域名。",
        "domainpart.invalid": "此域名无效。",

        "resourcepart.empty": "斜杠之后的部分为空。",
        "resourcepart.too-long": "斜杠之后的部分太长。",
        "resourcepart.disallowed-codepoint":
            "“{character}”（{name}）不能用在斜杠之后（第 {position, number, integer} 个字符）。",
        "resourcepart.unassigned-codepoint":
            "第 {position, number, integer} 个字符（{character}）尚不是已知字符，因此不能用在斜杠之后。",
        "resourcepart.context-rule":
            "“{character}”（{name}）不能出现在斜杠之后的这个位置（第 {position, number, integer} 个字符）。",
        "resourcepart.bidi-rule": "斜杠之后的部分以不允许的方式混合了从右到左和从左到右的书写方式。",
        "resourcepart.not-idempotent": "斜杠之后的部分每次处理都会发生变化。",
        "resourcepart.prohibited-codepoint":
            "旧服务器不允许斜杠之后出现“{character}”（{name}）（第 {position, number, integer} 个字符）。",
        "resourcepart.invalid": "斜杠之后的部分无效。",

        "confusable.mixed-script-confusable": "此名称混合了不同字母表中外形相似的字母，可能被误认为其他名称。",
        "confusable.mixed-script": "此名称混合了通常不会一起书写的字母表的字母。",
        "confusable.whole-script-confusable": "此名称的每个字母都像拉丁字母，可能被误认为其他名称。",
        "confusable.ascii-lookalike": "此名称包含一个看起来像普通字母或数字、但实际上不是的字符。",
        "confusable.digit-lookalike": "此名称包含一个看起来像数字、但实际上不是的字符。",
        "confusable.mixed-numbers": "此名称混合了不同书写系统的数字。",
        "confusable.uncommon-character": "此名称包含一个几乎没有语言使用的字符。",
        "confusable.uncommon-letter": "此名称包含一个很少有语言使用的字母。",
        "confusable.limited-use-script": "此名称使用了很少有人能读懂的文字。",
        "confusable.excluded-script": "此名称使用了历史文字。",
        "confusable.invisible-character": "此名称包含不可见字符。",
        "confusable.repeated-mark": "此名称在同一个字母上两次使用了相同的附加符号。",
        "confusable.overlay-mark": "此名称包含一个穿过字母的符号，可能掩盖字母的形状。",
        "confusable.dot-on-dotted-letter": "此名称在本来就有点的字母（如 i 或 j）上又加了一个点。",
        "confusable.mark-after-unrelated-script": "此名称包含其字母表不使用的附加符号。",
        "confusable.excessive-marks": "此名称在一个字母上使用了过多的附加符号。",
        "confusable.kana-out-of-context": "此名称在不能出现的位置使用了日文假名符号。",
        "confusable.cjk-lookalike": "此名称包含一个看起来像横线或标点的汉字。",
        "confusable.punctuation-lookalike": "此名称包含一个看起来像标点符号的字母。",
        "confusable.idna-deviation": "此名称包含旧软件会以不同方式读取的字符，例如 ß 或 ς。",
        "confusable.registered-skeleton": "此名称看起来与一个已被占用的名称完全相同。",
        "confusable.registered-folded": "此名称与一个已被占用的名称仅在附加符号上不同。",

        "signup.taken": "此用户名已被占用。",
        "signup.lookalike": "此用户名与一个已被占用的用户名过于相似，请另选一个。",
        "signup.available": "此用户名可用。",
    ]
}
