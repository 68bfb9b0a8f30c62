#pragma once
// A value or the reason there is none. std::expected is C++23; Debian 12's GCC 12 lacks it.

#include <QString>
#include <utility>
#include <variant>

namespace pitwall {

struct Error {
    QString message;
};

template <typename T, typename E = Error>
class Expected {
public:
    Expected(T value)
        : m_state(std::move(value))
    {
    }
    Expected(E error)
        : m_state(std::move(error))
    {
    }

    bool hasValue() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    const E &error() const { return std::get<E>(m_state); }

private:
    std::variant<T, E> m_state;
};

} // namespace pitwall
