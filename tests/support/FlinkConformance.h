#pragma once
// A conformance check of Pit Wall's own cloud plan against Confluent Cloud Flink's documented
// streaming rules (../shared/spec/confluent-flink-ai.md). Not a SQL parser: it tokenises the
// statements Pit Wall generates, finds their SELECT levels by parentheses and checks, in
// deployment order, the rules below. Each rule names the spec line it comes from.

#include "cloud/CloudPipelinePlan.h"

#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <optional>

namespace pitwall::test {

enum class FlinkRule {
    OneWindowPerSelect,    // spec §1.0 line 40: "the OVER windows for all aggregates must be identical"
    OrderByTimeAttribute,  // spec §1.0 lines 43-44, 51-53: a single ascending time attribute
                           // ($rowtime of the source table or a column declared with a WATERMARK)
    PrecedingToCurrentRow, // spec §1.0 lines 44-45: only PRECEDING (bounded or unbounded) to CURRENT ROW
    DeclaredTable,         // spec §4.1 / §3.1 (lines 307-318): a table used must be declared by the plan before
    CreatedObject,         // spec §2.2 line 238 / §2.3 line 260 / §2.1 line 197: a connection or model named must exist
    AppendOnlyInput,       // spec §1.0 line 46: an OVER aggregation needs an append-only input
    FunctionSignature,     // spec §1.1 lines 59-63, §2.1 lines 197-202, §3.2 line 331: the AI/ML functions' documented shapes
};

inline const char *ruleName(FlinkRule rule)
{
    switch (rule) {
    case FlinkRule::OneWindowPerSelect: return "one window per SELECT (spec line 40)";
    case FlinkRule::OrderByTimeAttribute: return "OVER ordered by a time attribute of its input (spec lines 43, 51)";
    case FlinkRule::PrecedingToCurrentRow: return "range PRECEDING to CURRENT ROW (spec line 45)";
    case FlinkRule::DeclaredTable: return "table declared by the plan (spec lines 307-318)";
    case FlinkRule::CreatedObject: return "connection or model created by the plan (spec lines 238, 260)";
    case FlinkRule::AppendOnlyInput: return "OVER over an append-only input (spec line 46)";
    case FlinkRule::FunctionSignature: return "function called as documented (spec lines 59-63, 197-202, 331)";
    }
    return "?";
}

struct ConformanceIssue {
    QString statement;
    FlinkRule rule;
    QString detail;
    QString text() const
    {
        return statement + QStringLiteral(": ") + QString::fromLatin1(ruleName(rule)) + QStringLiteral(": ") + detail;
    }
};

// What the plan has created so far, in deployment order.
struct FlinkDeclarations {
    QSet<QString> tables;
    QMap<QString, QSet<QString>> watermarked; // table -> columns declared with a WATERMARK
    QSet<QString> upsert;                     // tables with a PRIMARY KEY or 'changelog.mode' = 'upsert'
    QSet<QString> models;
    QSet<QString> connections;
};

namespace conformance_detail {

enum class Kind { Word, Quoted, String, Symbol };
struct Token {
    Kind kind;
    QString text; // words upper-cased for keywords compare via is(); quoted/string without quotes
    bool is(const char *keyword) const
    {
        return kind == Kind::Word && text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
    }
    bool sym(char c) const { return kind == Kind::Symbol && text == QLatin1Char(c); }
    bool name() const { return kind == Kind::Word || kind == Kind::Quoted; }
};

inline QList<Token> tokenize(const QString &sql)
{
    QList<Token> out;
    for (int i = 0; i < sql.size();) {
        const QChar c = sql[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < sql.size() && sql[i + 1] == QLatin1Char('-')) {
            while (i < sql.size() && sql[i] != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('`') || c == QLatin1Char('\'')) {
            QString text;
            ++i;
            while (i < sql.size()) {
                if (sql[i] == c && i + 1 < sql.size() && sql[i + 1] == c) { // doubled quote
                    text += c;
                    i += 2;
                } else if (sql[i] == c) {
                    ++i;
                    break;
                } else {
                    text += sql[i++];
                }
            }
            out.append({c == QLatin1Char('`') ? Kind::Quoted : Kind::String, text});
        } else if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$')) {
            const int start = i;
            while (i < sql.size() && (sql[i].isLetterOrNumber() || sql[i] == QLatin1Char('_') || sql[i] == QLatin1Char('$')))
                ++i;
            out.append({Kind::Word, sql.mid(start, i - start)});
        } else {
            out.append({Kind::Symbol, QString(c)});
            ++i;
        }
    }
    return out;
}

// One SELECT level: the tokens from its SELECT to the next SELECT of the same query group
// (a UNION ALL branch) or the group's end, without the tokens of nested queries.
struct Level {
    int select = -1; // index of its SELECT token
    int end = -1;    // one past its last token
    int group = -1;  // the opening parenthesis of its query group (-1: top level)
};

class Statement {
public:
    explicit Statement(const QString &sql)
        : t(tokenize(sql))
    {
        const int n = int(t.size());
        match.fill(-1, n);
        depth.fill(0, n);
        owner.fill(-1, n);
        QList<int> open, queries{-1};
        for (int i = 0; i < n; ++i) {
            depth[i] = int(open.size());
            owner[i] = queries.last();
            if (t[i].sym('(')) {
                open.append(i);
                const bool query = i + 1 < n && t[i + 1].is("SELECT");
                queries.append(query ? i : queries.last());
            } else if (t[i].sym(')') && !open.isEmpty()) {
                match[open.last()] = i;
                match[i] = open.last();
                open.removeLast();
                queries.removeLast();
                depth[i] = int(open.size());
                owner[i] = queries.last();
            }
        }
        for (int i = 0; i < n; ++i)
            if (t[i].is("SELECT")) {
                levels.append(Level{i, -1, owner[i]});
            }
        for (int k = 0; k < levels.size(); ++k) {
            Level &level = levels[k];
            const int groupEnd = level.group < 0 ? n : match[level.group];
            level.end = groupEnd;
            for (int j = level.select + 1; j < groupEnd; ++j)
                if (t[j].is("SELECT") && owner[j] == ownerOf(level)) {
                    level.end = j;
                    break;
                }
        }
    }

    int ownerOf(const Level &level) const { return owner[level.select]; }
    // Tokens of the level itself (not of nested queries).
    bool inLevel(const Level &level, int i) const { return i > level.select && i < level.end && owner[i] == ownerOf(level); }

    QList<Token> t;
    QList<int> match, depth, owner;
    QList<Level> levels;
};

inline QString joined(const QList<Token> &tokens, int from, int to)
{
    QStringList parts;
    for (int i = from; i < to; ++i)
        parts << (tokens[i].kind == Kind::Word ? tokens[i].text.toUpper() : tokens[i].text);
    return parts.join(QLatin1Char(' '));
}

} // namespace conformance_detail

class FlinkConformance {
public:
    // exemptFromTimeAttribute: statements allowed to keep a non-time-attribute ORDER BY (the
    // demo's own engine-anomalies statement, which ran live as written).
    explicit FlinkConformance(QSet<QString> exemptFromTimeAttribute = {})
        : m_exempt(std::move(exemptFromTimeAttribute))
    {
    }

    QList<ConformanceIssue> check(const cloud::CloudPlan &plan)
    {
        for (const auto &connection : plan.connections)
            m_declared.connections.insert(connection.name);
        QList<ConformanceIssue> issues;
        for (const auto &statement : plan.statements)
            issues += check(statement.name, statement.sql);
        return issues;
    }

    // One statement, against what was declared before it; its own declarations are then added.
    QList<ConformanceIssue> check(const QString &name, const QString &sql)
    {
        using namespace conformance_detail;
        m_issues.clear();
        m_name = name;
        const Statement s(sql);
        const auto &t = s.t;
        const int n = int(t.size());
        if (n >= 2 && t[0].is("CREATE") && t[1].is("TABLE")) {
            declareTable(s);
        } else if (n >= 2 && t[0].is("CREATE") && t[1].is("MODEL")) {
            int i = 2;
            while (i < n && (t[i].is("IF") || t[i].is("NOT") || t[i].is("EXISTS")))
                ++i;
            if (i < n)
                m_declared.models.insert(t[i].text);
        }
        checkNamedObjects(s);
        checkSignatures(s);
        checkTables(s);
        for (const auto &level : s.levels)
            checkWindows(s, level);
        return m_issues;
    }

    const FlinkDeclarations &declared() const { return m_declared; }

private:
    using Statement = conformance_detail::Statement;
    using Level = conformance_detail::Level;
    using Token = conformance_detail::Token;

    void fail(FlinkRule rule, const QString &detail) { m_issues.append({m_name, rule, detail}); }

    void declareTable(const Statement &s)
    {
        const auto &t = s.t;
        int i = 2;
        while (i < int(t.size()) && (t[i].is("IF") || t[i].is("NOT") || t[i].is("EXISTS")))
            ++i;
        if (i >= int(t.size()))
            return;
        const QString table = t[i].text;
        m_declared.tables.insert(table);
        for (int j = i; j + 2 < int(t.size()); ++j) {
            if (t[j].is("WATERMARK") && t[j + 1].is("FOR"))
                m_declared.watermarked[table].insert(t[j + 2].text);
            if ((t[j].is("PRIMARY") && t[j + 1].is("KEY")) || (t[j].text == QLatin1String("changelog.mode") &&
                                                               t[j + 2].text.compare(QLatin1String("upsert"), Qt::CaseInsensitive) == 0))
                m_declared.upsert.insert(table);
        }
    }

    // Connections named in WITH options and models called by name must have been created.
    void checkNamedObjects(const Statement &s)
    {
        const auto &t = s.t;
        for (int i = 0; i + 2 < int(t.size()); ++i) {
            if (t[i].kind == conformance_detail::Kind::String && t[i].text.endsWith(QLatin1String(".connection")) &&
                t[i + 1].sym('=') && !m_declared.connections.contains(t[i + 2].text))
                fail(FlinkRule::CreatedObject, QStringLiteral("connection '%1' is not created by the plan").arg(t[i + 2].text));
            static const QStringList modelFunctions{QStringLiteral("ML_PREDICT"), QStringLiteral("AI_COMPLETE"),
                                                    QStringLiteral("AI_EMBEDDING"), QStringLiteral("ML_EVALUATE")};
            if (t[i].kind == conformance_detail::Kind::Word && modelFunctions.contains(t[i].text.toUpper()) && t[i + 1].sym('(') &&
                t[i + 2].kind == conformance_detail::Kind::String) { // not a literal: the signature rule says so
                const QString model = t[i + 2].text.section(QLatin1Char('$'), 0, 0);
                if (!m_declared.models.contains(model))
                    fail(FlinkRule::CreatedObject, QStringLiteral("model '%1' is not created by the plan").arg(model));
            }
        }
    }

    // The top-level arguments of the call whose '(' is at `open`, as token ranges.
    static QList<QPair<int, int>> arguments(const Statement &s, int open)
    {
        QList<QPair<int, int>> out;
        const int close = s.match[open];
        if (close < 0)
            return out;
        int start = open + 1;
        for (int i = open + 1; i < close; ++i) {
            if (s.depth[i] == s.depth[open] + 1 && s.t[i].sym(',')) {
                out.append({start, i});
                start = i + 1;
            }
        }
        if (start < close)
            out.append({start, close});
        return out;
    }

    // ML_DETECT_ANOMALIES / ML_FORECAST(value, time, JSON_OBJECT(...)) OVER (...); AI_COMPLETE /
    // AI_EMBEDDING('model', text[, MAP]); ML_PREDICT('model', col…); VECTOR_SEARCH_AGG(table,
    // DESCRIPTOR(col), vector, k[, MAP]).
    void checkSignatures(const Statement &s)
    {
        const auto &t = s.t;
        for (int i = 0; i + 1 < int(t.size()); ++i) {
            if (t[i].kind != conformance_detail::Kind::Word || !t[i + 1].sym('('))
                continue;
            const QString name = t[i].text.toUpper();
            const auto args = arguments(s, i + 1);
            auto fail = [&](const QString &shape) {
                this->fail(FlinkRule::FunctionSignature,
                           QStringLiteral("%1 called with %2 argument(s), documented as %3").arg(name).arg(args.size()).arg(shape));
            };
            const int close = s.match[i + 1];
            if (name == QLatin1String("ML_DETECT_ANOMALIES") || name == QLatin1String("ML_FORECAST")) {
                const bool config = args.size() == 3 && t[args[2].first].is("JSON_OBJECT");
                if (!config || close + 1 >= int(t.size()) || !t[close + 1].is("OVER"))
                    fail(QStringLiteral("(value, timestamp, JSON_OBJECT(...)) OVER (...)"));
            } else if (name == QLatin1String("AI_COMPLETE") || name == QLatin1String("AI_EMBEDDING")) {
                if (args.size() < 2 || args.size() > 3 || t[args[0].first].kind != conformance_detail::Kind::String)
                    fail(QStringLiteral("('model', text[, MAP[...]])"));
            } else if (name == QLatin1String("ML_PREDICT")) {
                if (args.size() < 2 || t[args[0].first].kind != conformance_detail::Kind::String)
                    fail(QStringLiteral("('model', column[, ...][, MAP[...]])"));
            } else if (name == QLatin1String("VECTOR_SEARCH_AGG")) {
                if (args.size() < 4 || args.size() > 5 || !t[args[1].first].is("DESCRIPTOR"))
                    fail(QStringLiteral("(table, DESCRIPTOR(column), vector, k[, MAP[...]])"));
            }
        }
    }

    // Every table read or written is declared by an earlier CREATE TABLE of the plan.
    void checkTables(const Statement &s)
    {
        const auto &t = s.t;
        if (!t.isEmpty() && t[0].is("CREATE"))
            return;
        for (int i = 0; i + 1 < int(t.size()); ++i) {
            const bool before = t[i].is("INTO") || t[i].is("FROM") || t[i].is("JOIN") || t[i].is("TABLE") ||
                                (t[i].sym('(') && i > 0 &&
                                 t[i - 1].text.compare(QLatin1String("VECTOR_SEARCH_AGG"), Qt::CaseInsensitive) == 0);
            const Token &next = t[i + 1];
            if (!before || !next.name() || next.is("SELECT") || next.is("LATERAL") || next.is("UNNEST") ||
                (i + 2 < int(t.size()) && t[i + 2].sym('(')))
                continue;
            if (!m_declared.tables.contains(next.text))
                fail(FlinkRule::DeclaredTable, QStringLiteral("table `%1` is not declared by the plan").arg(next.text));
        }
    }

    // The window specification of every OVER of one SELECT level.
    void checkWindows(const Statement &s, const Level &level)
    {
        const auto &t = s.t;
        QMap<QString, QPair<int, int>> named; // WINDOW name AS ( … )
        for (int i = level.select; i < level.end; ++i)
            if (s.inLevel(level, i) &&
                (t[i].is("WINDOW") || (t[i].sym(',') && !named.isEmpty() && i + 3 < level.end && t[i + 2].is("AS")))) {
                if (i + 3 < level.end && t[i + 2].is("AS") && t[i + 3].sym('('))
                    named.insert(t[i + 1].text, {i + 4, s.match[i + 3]});
            }
        QSet<QString> specs;
        bool anyOver = false;
        for (int i = level.select; i + 1 < level.end; ++i) {
            if (!s.inLevel(level, i) || !t[i].is("OVER"))
                continue;
            anyOver = true;
            QPair<int, int> range;
            if (t[i + 1].sym('('))
                range = {i + 2, s.match[i + 1]};
            else if (named.contains(t[i + 1].text))
                range = named.value(t[i + 1].text);
            else {
                fail(FlinkRule::OneWindowPerSelect, QStringLiteral("OVER %1 names no window of its SELECT").arg(t[i + 1].text));
                continue;
            }
            const QString spec = conformance_detail::joined(t, range.first, range.second);
            if (!specs.contains(spec))
                checkWindowSpec(s, level, range.first, range.second);
            specs.insert(spec);
        }
        if (anyOver)
            checkAppendOnly(s, level);
        if (specs.size() > 1)
            fail(FlinkRule::OneWindowPerSelect, QStringLiteral("%1 different OVER windows in one SELECT: %2")
                                                    .arg(specs.size())
                                                    .arg(QStringList(specs.values()).join(QLatin1String(" | "))));
    }

    void checkWindowSpec(const Statement &s, const Level &level, int from, int to)
    {
        const auto &t = s.t;
        int order = -1, frame = -1;
        for (int i = from; i < to; ++i) {
            if (t[i].is("ORDER") && i + 1 < to && t[i + 1].is("BY"))
                order = i + 2;
            if (t[i].is("ROWS") || t[i].is("RANGE"))
                frame = i;
        }
        if (frame >= 0) {
            // BETWEEN <UNBOUNDED | n | INTERVAL 'n' unit> PRECEDING AND CURRENT ROW
            const QString text = conformance_detail::joined(t, frame + 1, to);
            static const QRegularExpression allowed(
                QStringLiteral(R"(^BETWEEN (UNBOUNDED|\d+|INTERVAL \S+ [A-Z]+) PRECEDING AND CURRENT ROW$)"));
            if (!allowed.match(text).hasMatch())
                fail(FlinkRule::PrecedingToCurrentRow, QStringLiteral("frame `%1`").arg(conformance_detail::joined(t, frame, to)));
        }
        if (m_exempt.contains(m_name))
            return;
        const int orderEnd = frame >= 0 ? frame : to;
        if (order < 0) {
            fail(FlinkRule::OrderByTimeAttribute, QStringLiteral("OVER without ORDER BY"));
            return;
        }
        const bool ascending = orderEnd - order == 1 || (orderEnd - order == 2 && t[order + 1].is("ASC"));
        if (!ascending || !t[order].name()) {
            fail(FlinkRule::OrderByTimeAttribute,
                 QStringLiteral("ORDER BY `%1` is not a single ascending column").arg(conformance_detail::joined(t, order, orderEnd)));
            return;
        }
        QString why;
        if (!isTimeAttribute(s, level, t[order].text, &why))
            fail(FlinkRule::OrderByTimeAttribute, QStringLiteral("ORDER BY %1: %2").arg(t[order].text, why));
    }

    // The tables an OVER of this level reads, through its subqueries.
    void checkAppendOnly(const Statement &s, const Level &level)
    {
        const auto &t = s.t;
        for (int i = level.select; i + 1 < level.end; ++i) {
            if (!s.inLevel(level, i) || !t[i].is("FROM"))
                continue;
            if (t[i + 1].name() && !t[i + 1].is("TABLE") && m_declared.upsert.contains(t[i + 1].text))
                fail(FlinkRule::AppendOnlyInput, QStringLiteral("`%1` is an upsert table").arg(t[i + 1].text));
            if (t[i + 1].sym('('))
                for (const auto &inner : s.levels)
                    if (inner.group == i + 1)
                        checkAppendOnly(s, inner);
            break;
        }
    }

    // Whether `column` is a time attribute of the level's input: $rowtime of a declared table read
    // directly, a column the table declares with a WATERMARK (forwarded unchanged through
    // subqueries), or window_time of a window TVF aggregation (spec §1.1 line 70).
    bool isTimeAttribute(const Statement &s, const Level &level, const QString &column, QString *why) const
    {
        const auto &t = s.t;
        int from = -1;
        for (int i = level.select; i < level.end; ++i)
            if (s.inLevel(level, i) && t[i].is("FROM")) {
                from = i;
                break;
            }
        if (from < 0 || from + 1 >= level.end) {
            *why = QStringLiteral("its SELECT reads no input");
            return false;
        }
        const Token &source = t[from + 1];
        if (source.name() && !source.is("TABLE")) {
            if (column == QLatin1String("$rowtime") || m_declared.watermarked.value(source.text).contains(column))
                return true;
            *why = QStringLiteral("neither $rowtime nor a WATERMARK column of `%1`").arg(source.text);
            return false;
        }
        if (source.is("TABLE")) {
            *why = QStringLiteral("a window table function's output is ordered by its window_time after aggregation only");
            return false;
        }
        if (!source.sym('(')) {
            *why = QStringLiteral("unrecognised input");
            return false;
        }
        // A subquery: every branch must forward the column unchanged from a time attribute.
        bool any = false;
        for (const auto &inner : s.levels) {
            if (inner.group != from + 1)
                continue;
            any = true;
            if (column == QLatin1String("$rowtime")) {
                *why = QStringLiteral("$rowtime selected in a subquery is not a documented time attribute outside it");
                return false;
            }
            if (column == QLatin1String("window_time") && isWindowAggregation(s, inner))
                continue;
            if (!projectsUnchanged(s, inner, column)) {
                *why = QStringLiteral("computed in its subquery, not a time attribute");
                return false;
            }
            if (!isTimeAttribute(s, inner, column, why))
                return false;
        }
        if (!any)
            *why = QStringLiteral("unrecognised subquery");
        return any;
    }

    static bool isWindowAggregation(const Statement &s, const Level &level)
    {
        const auto &t = s.t;
        bool tvf = false, grouped = false;
        for (int i = level.select; i + 2 < level.end; ++i) {
            if (!s.inLevel(level, i))
                continue;
            if (t[i].is("FROM") && t[i + 1].is("TABLE") && t[i + 2].sym('(') && i + 3 < level.end &&
                (t[i + 3].is("TUMBLE") || t[i + 3].is("HOP") || t[i + 3].is("CUMULATE")))
                tvf = true;
            if (t[i].is("GROUP") && t[i + 1].is("BY"))
                for (int j = i + 2; j < level.end && s.inLevel(level, j); ++j)
                    grouped |= t[j].name() && t[j].text == QLatin1String("window_time");
        }
        return tvf && grouped;
    }

    // The select list holds `*` or the bare column (possibly qualified), not an expression.
    static bool projectsUnchanged(const Statement &s, const Level &level, const QString &column)
    {
        const auto &t = s.t;
        const int base = s.depth[level.select];
        QList<QList<int>> items{{}};
        for (int i = level.select + 1; i < level.end; ++i) {
            if (s.inLevel(level, i) && s.depth[i] == base && t[i].is("FROM"))
                break;
            if (s.depth[i] == base && t[i].sym(','))
                items.append(QList<int>{});
            else
                items.last().append(i);
        }
        for (const auto &item : items) {
            if (item.size() == 1 && t[item[0]].sym('*'))
                return true;
            if (item.size() == 1 && t[item[0]].text == column)
                return true;
            if (item.size() == 3 && t[item[1]].sym('.') && t[item[2]].text == column)
                return true;
        }
        return false;
    }

    QSet<QString> m_exempt;
    FlinkDeclarations m_declared;
    QList<ConformanceIssue> m_issues;
    QString m_name;
};

} // namespace pitwall::test
