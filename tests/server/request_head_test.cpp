// When the reception hands a connection to a worker (server/request_head.h).
#include "server/request_head.h"

#include <gtest/gtest.h>

#include <string>

namespace echoes::server {
namespace {

constexpr std::size_t kPeek = 1000;

RequestHeadScan scan(const std::string& bytes) { return scan_request_head(bytes, kPeek); }

TEST(RequestHead, WaitsForTheWholeHead) {
  EXPECT_FALSE(scan("").ready);
  EXPECT_FALSE(scan("GET /healthz HTTP/1.1\r\nHost: x\r\n").ready);
  const auto complete = scan("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(complete.ready);
  EXPECT_FALSE(complete.more_to_read);
  EXPECT_EQ(complete.head_bytes, 34u);
}

TEST(RequestHead, WaitsForABodyThatFitsToArriveWhole) {
  const std::string head = "POST /api/auth/login HTTP/1.1\r\ncontent-length:  10 \r\n\r\n";
  EXPECT_FALSE(scan(head + "12345").ready);
  const auto whole = scan(head + "1234567890");
  EXPECT_TRUE(whole.ready);
  EXPECT_FALSE(whole.more_to_read);
  const std::string fills = "POST / HTTP/1.1\r\nContent-Length: 950\r\n\r\n";  // 987 bytes in all
  EXPECT_FALSE(scan(fills + std::string(900, 'a')).ready);
  EXPECT_TRUE(scan(fills + std::string(950, 'a')).ready);
  EXPECT_FALSE(scan(fills + std::string(950, 'a')).more_to_read);
}

TEST(RequestHead, HandsOnALargeBodyOnceItFlows) {
  const std::string head = "POST /api/voice/upload HTTP/1.1\r\nContent-Length: 5000\r\n\r\n";
  EXPECT_FALSE(scan(head + "abc").ready);  // trickling: stays in the reception
  const auto flowing = scan(head + std::string(kPeek - head.size(), 'a'));
  EXPECT_TRUE(flowing.ready);
  EXPECT_TRUE(flowing.more_to_read);
}

TEST(RequestHead, HandsOnAtOnceWhenTheClientWaitsFor100Continue) {
  const auto expecting = scan("POST /api/voice/upload HTTP/1.1\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_TRUE(expecting.ready);
  EXPECT_TRUE(expecting.more_to_read);
}

TEST(RequestHead, AChunkedBodyIsReadyAtItsLastChunk) {
  const std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_FALSE(scan(head + "5\r\nhello").ready);
  EXPECT_FALSE(scan(head + "5\r\nhello\r\n0\r\n").ready);
  EXPECT_TRUE(scan(head + "5\r\nhello\r\n0\r\n\r\n").ready);
  EXPECT_TRUE(scan(head + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: y\r\n\r\n").ready);
  EXPECT_TRUE(scan(head + "zz\r\n").ready);  // malformed: the worker refuses it
  const auto large = scan(head + "fff\r\n" + std::string(kPeek, 'a'));
  EXPECT_TRUE(large.ready);
  EXPECT_TRUE(large.more_to_read);
}

TEST(RequestHead, AmbiguousFramingIsHandedOnAtOnceToBeRefused) {
  EXPECT_TRUE(scan("GET / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n").ready);
  EXPECT_TRUE(scan("GET / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 7000\r\n\r\n").ready);
  EXPECT_TRUE(scan("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n").ready);
}

TEST(RequestHead, AHeadLongerThanThePeekGoesToAWorkerToBeRefused) {
  const auto huge = scan("GET / HTTP/1.1\r\nX: " + std::string(kPeek, 'a'));
  EXPECT_TRUE(huge.ready);
  EXPECT_TRUE(huge.more_to_read);
}

}  // namespace
}  // namespace echoes::server
