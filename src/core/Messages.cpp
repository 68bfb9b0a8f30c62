#include "Messages.h"

namespace pitwall {

QString commentaryTypeName(CommentaryType type)
{
    switch (type) {
    case CommentaryType::Highlight: return QStringLiteral("highlight");
    case CommentaryType::Warning: return QStringLiteral("warning");
    case CommentaryType::Info: break;
    }
    return QStringLiteral("info");
}

std::optional<CommentaryType> commentaryTypeFromName(const QString &name)
{
    for (auto type : {CommentaryType::Highlight, CommentaryType::Warning, CommentaryType::Info}) {
        if (name == commentaryTypeName(type))
            return type;
    }
    return std::nullopt;
}

CommentaryType commentaryTypeForPosition(int position)
{
    if (position == 1)
        return CommentaryType::Highlight;
    if (position == 2 || position == 3)
        return CommentaryType::Warning;
    return CommentaryType::Info;
}

} // namespace pitwall
