#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace ui {

/// A bounded queue that hands items from one thread to another: frames from the simulation
/// thread to the renderer, images from the renderer to the encoder thread. It is bounded by a
/// count and by bytes (an empty queue always takes one item, however large). Every change of
/// its state - an item, the end, a cancel - is made under its mutex and then notified, so a
/// waiting thread can never miss it (a flag set outside the lock between a waiter's test and
/// its wait would be a lost wake-up). No Qt: tested on its own.
template <typename T>
class HandoffQueue {
public:
    /// What pop() got.
    enum class Taken { Item, End, Cancelled };

    /// At most `capacity` items and `byteBudget` bytes as counted by `bytesOf` (none: items
    /// count 0 bytes).
    explicit HandoffQueue(std::size_t capacity, std::size_t byteBudget = 0,
                          std::function<std::size_t(const T&)> bytesOf = {})
        : m_capacity(capacity), m_byteBudget(byteBudget), m_bytesOf(std::move(bytesOf)) {}

    /// Adds `item` unless the queue is full, closed or cancelled (then false, item untouched).
    bool tryPush(T& item) {
        {
            std::lock_guard lock(m_mutex);
            if (m_closed || m_cancelled || fullLocked())
                return false;
            addLocked(std::move(item));
        }
        m_changed.notify_all();
        return true;
    }
    /// Waits for room and adds `item`; false (item dropped) when cancelled or closed meanwhile.
    bool push(T item) {
        {
            std::unique_lock lock(m_mutex);
            waitLocked(lock, [this] { return m_cancelled || m_closed || !fullLocked(); });
            if (m_cancelled || m_closed)
                return false;
            addLocked(std::move(item));
        }
        m_changed.notify_all();
        return true;
    }
    /// The oldest item, without waiting (nothing when empty).
    std::optional<T> tryPop() {
        std::optional<T> out;
        {
            std::lock_guard lock(m_mutex);
            if (m_items.empty() || m_cancelled)
                return out;
            out = takeLocked();
        }
        m_changed.notify_all();
        return out;
    }
    /// Waits for an item (Item, into `out`), the end after the last one (End) or a cancel.
    Taken pop(T& out) {
        {
            std::unique_lock lock(m_mutex);
            waitLocked(lock, [this] { return m_cancelled || m_closed || !m_items.empty(); });
            if (m_cancelled)
                return Taken::Cancelled;
            if (m_items.empty())
                return Taken::End;
            out = takeLocked();
        }
        m_changed.notify_all();
        return Taken::Item;
    }
    /// No more items: pop() returns End once the queue is empty.
    void close() {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_changed.notify_all();
    }
    /// Stops both sides now: waits end, items are dropped.
    void cancel() {
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
            m_items.clear();
            m_bytes = 0;
        }
        m_changed.notify_all();
    }
    bool cancelled() const {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }
    /// True when close() was called and every item was taken.
    bool finished() const {
        std::lock_guard lock(m_mutex);
        return m_closed && m_items.empty();
    }
    bool full() const {
        std::lock_guard lock(m_mutex);
        return fullLocked();
    }
    std::size_t size() const {
        std::lock_guard lock(m_mutex);
        return m_items.size();
    }
    /// For tests: called with the lock held each time a thread is about to wait (its condition
    /// was just found false).
    void setBeforeWait(std::function<void()> hook) { m_beforeWait = std::move(hook); }

private:
    bool fullLocked() const {
        if (m_items.empty())
            return false;
        return m_items.size() >= m_capacity || (m_byteBudget > 0 && m_bytes >= m_byteBudget);
    }
    void addLocked(T item) {
        m_bytes += m_bytesOf ? m_bytesOf(item) : 0;
        m_items.push_back(std::move(item));
    }
    T takeLocked() {
        T item = std::move(m_items.front());
        m_items.pop_front();
        const std::size_t bytes = m_bytesOf ? m_bytesOf(item) : 0;
        m_bytes -= std::min(bytes, m_bytes);
        return item;
    }
    template <typename Ready>
    void waitLocked(std::unique_lock<std::mutex>& lock, Ready ready) {
        while (!ready()) {
            if (m_beforeWait)
                m_beforeWait();
            m_changed.wait(lock);
        }
    }

    const std::size_t m_capacity;
    const std::size_t m_byteBudget;
    const std::function<std::size_t(const T&)> m_bytesOf;
    std::function<void()> m_beforeWait;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<T> m_items;
    std::size_t m_bytes = 0;
    bool m_closed = false;
    bool m_cancelled = false;
};

}  // namespace ui
