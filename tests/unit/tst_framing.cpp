// SPDX-License-Identifier: MIT
// The pipe framing both sides rely on: whole frames in any split, and malformed
// or oversized frames reported and skipped without losing the frames after them.

#include "protocol/framing.h"

#include <QTest>

using graft::protocol::FrameDecoder;
using graft::protocol::encodeFrame;

class TestFraming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripInEverySplit_data();
    void roundTripInEverySplit();
    void badFramesAreSkipped_data();
    void badFramesAreSkipped();
    void truncatedFrameWaits();
};

void TestFraming::roundTripInEverySplit_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("small json") << QByteArray(R"({"id":1,"method":"Runtime.enable"})");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("utf-8") << QByteArray("{\"text\":\"h\xc3\xa9llo \xe2\x9c\x93\"}");
    QTest::newRow("contains a header") << QByteArray("Content-Length: 5\r\n\r\nabcde");
}

void TestFraming::roundTripInEverySplit()
{
    QFETCH(QByteArray, payload);
    const std::string one = encodeFrame(payload.toStdString());
    const std::string stream = one + one;
    for (std::size_t split = 0; split <= stream.size(); ++split) {
        FrameDecoder decoder;
        decoder.feed(stream.data(), split);
        decoder.feed(stream.data() + split, stream.size() - split);
        std::string out;
        QCOMPARE(decoder.next(out), FrameDecoder::Result::Frame);
        QCOMPARE(QByteArray::fromStdString(out), payload);
        QCOMPARE(decoder.next(out), FrameDecoder::Result::Frame);
        QCOMPARE(QByteArray::fromStdString(out), payload);
        QCOMPARE(decoder.next(out), FrameDecoder::Result::NeedMore);
    }
}

void TestFraming::badFramesAreSkipped_data()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QString>("errorStartsWith");
    QTest::newRow("not a number") << QByteArray("Content-Length: ten\r\n\r\n") << "malformed frame header";
    QTest::newRow("wrong header") << QByteArray("Size: 4\r\n\r\n") << "malformed frame header";
    QTest::newRow("negative") << QByteArray("Content-Length: -4\r\n\r\n") << "malformed frame header";
    QTest::newRow("oversized") << QByteArray("Content-Length: 2000\r\n\r\n") + QByteArray(2000, 'x') << "oversized frame";
}

void TestFraming::badFramesAreSkipped()
{
    QFETCH(QByteArray, bad);
    QFETCH(QString, errorStartsWith);
    FrameDecoder decoder(1000);
    const std::string good = encodeFrame(R"({"id":2})");
    const std::string stream = bad.toStdString() + good;
    // Feed in small pieces: an oversized body must be dropped as it streams in.
    for (std::size_t i = 0; i < stream.size(); i += 7)
        decoder.feed(stream.data() + i, std::min<std::size_t>(7, stream.size() - i));
    std::string out;
    QCOMPARE(decoder.next(out), FrameDecoder::Result::Error);
    QVERIFY2(QString::fromStdString(out).startsWith(errorStartsWith), out.c_str());
    QCOMPARE(decoder.next(out), FrameDecoder::Result::Frame);
    QCOMPARE(out, std::string(R"({"id":2})"));
}

void TestFraming::truncatedFrameWaits()
{
    FrameDecoder decoder;
    const std::string frame = encodeFrame(R"({"id":3,"method":"x"})");
    decoder.feed(frame.data(), frame.size() - 1);
    std::string out;
    QCOMPARE(decoder.next(out), FrameDecoder::Result::NeedMore);
    QCOMPARE(decoder.pendingBytes(), frame.size() - 1);
    decoder.feed(frame.data() + frame.size() - 1, 1);
    QCOMPARE(decoder.next(out), FrameDecoder::Result::Frame);
}

QTEST_APPLESS_MAIN(TestFraming)
#include "tst_framing.moc"
